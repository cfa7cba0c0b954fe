import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What `/metrics` tells of the outbox across every tenant: how many messages wait to be sent,
 * and how long the oldest has waited. Counts only, no tenant's rows.
 */
export class AddOutboxStats1796000001000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION outbox_stats() RETURNS TABLE (pending integer, oldest_age_seconds double precision)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT count(*)::integer, coalesce(extract(epoch FROM now() - min(created_at)), 0)::double precision
            FROM messages WHERE status = 'pending'
      $$;
      REVOKE ALL ON FUNCTION outbox_stats() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION outbox_stats() TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION outbox_stats()');
  }
}

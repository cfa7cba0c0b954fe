import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An event that belongs to no tenant (an unknown connected account) is invisible to the app
 * under row-level security once recorded, so its outcome ("ignored: …") is written with it.
 * Events of a tenant are recorded with a null outcome and have it set in the same transaction
 * that handles them.
 */
export class RecordStripeEventOutcome1795610000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION record_stripe_event(text, text, text, uuid, jsonb);
      CREATE FUNCTION record_stripe_event(event_id text, event_type text, event_account text, event_tenant uuid,
                                          event_payload jsonb, event_outcome text)
        RETURNS boolean
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          WITH inserted AS (
            INSERT INTO stripe_events (id, type, account, tenant_id, payload, outcome)
            VALUES (event_id, event_type, event_account, event_tenant, event_payload, event_outcome)
            ON CONFLICT (id) DO NOTHING
            RETURNING 1
          )
          SELECT EXISTS (SELECT 1 FROM inserted)
      $$;
      REVOKE ALL ON FUNCTION record_stripe_event(text, text, text, uuid, jsonb, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION record_stripe_event(text, text, text, uuid, jsonb, text) TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION record_stripe_event(text, text, text, uuid, jsonb, text);
      CREATE FUNCTION record_stripe_event(event_id text, event_type text, event_account text, event_tenant uuid, event_payload jsonb)
        RETURNS boolean
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          WITH inserted AS (
            INSERT INTO stripe_events (id, type, account, tenant_id, payload)
            VALUES (event_id, event_type, event_account, event_tenant, event_payload)
            ON CONFLICT (id) DO NOTHING
            RETURNING 1
          )
          SELECT EXISTS (SELECT 1 FROM inserted)
      $$;
      REVOKE ALL ON FUNCTION record_stripe_event(text, text, text, uuid, jsonb) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION record_stripe_event(text, text, text, uuid, jsonb) TO frontdesk_app;
    `);
  }
}

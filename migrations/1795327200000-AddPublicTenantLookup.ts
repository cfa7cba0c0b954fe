import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public routes name their business by slug. Resolving it was a cross-tenant transaction
 * (four round trips, and a session that could see every tenant); this narrow SECURITY
 * DEFINER read answers in one round trip and exposes only what a public profile shows
 * anyway, and only for active businesses.
 */
export class AddPublicTenantLookup1795327200000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION active_tenant_by_slug(tenant_slug text)
        RETURNS TABLE (id uuid, slug text, name text, timezone text, currency text, locale text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
        $$ SELECT t.id, t.slug, t.name, t.timezone, t.currency, t.locale FROM tenants t
            WHERE t.slug = tenant_slug AND t.status = 'active' $$;
      REVOKE ALL ON FUNCTION active_tenant_by_slug(text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION active_tenant_by_slug(text) TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION active_tenant_by_slug(text);`);
  }
}

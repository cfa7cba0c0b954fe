import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The access guard checks every access token against its user: `user_access` returns what the
 * token claims (role, tenant) as it is now, with the tenant's status, or no row for a user that
 * no longer exists. Super-admins have no tenant, so no tenant's policy would let the app read
 * them: one narrow SECURITY DEFINER read, like `user_for_login`, without the password hash.
 */
export class AddUserAccessCheck1795520000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION user_access(access_user_id uuid)
        RETURNS TABLE (role text, tenant_id uuid, tenant_status text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT u.role, u.tenant_id, t.status
            FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id
           WHERE u.id = access_user_id
      $$;
      REVOKE ALL ON FUNCTION user_access(uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION user_access(uuid) TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION user_access(uuid);`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

const TENANT_TABLES = [
  'users',
  'services',
  'staff',
  'staff_services',
  'overrides',
  'customers',
  'audit_log',
  'bookings',
  'conversations',
  'messages',
];

/**
 * Row-level security that no statement can switch off.
 *
 * The app used to log in as the migrating role and only `SET ROLE frontdesk_app`, so a
 * `RESET ROLE` brought back full visibility, and every policy opened up on
 * `app.cross_tenant`. Now `frontdesk_app` is the LOGIN role the app connects as (its password
 * is set at start, see `provisionDatabase`): it owns nothing, bypasses nothing and is a member
 * of no role, so it cannot switch to a stronger one. The policies match the transaction's
 * tenant only. The few cross-tenant needs each get a narrow SECURITY DEFINER function that
 * does one thing and returns only what its caller needs.
 *
 * Two columns support the shell's new rules: `conversations.version` lets a message that was
 * understood outside the transaction detect a concurrent change under the lock, and the
 * outbox's lease (`messages.lease_id`, `leased_until`) lets a sender claim a message in one
 * short transaction, send outside any, and record the outcome in another.
 */
export class HardenTenancy1795400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER ROLE frontdesk_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT;
      DO $$ DECLARE membership record; BEGIN
        FOR membership IN SELECT roleid::regrole::text AS role FROM pg_auth_members WHERE member = 'frontdesk_app'::regrole LOOP
          EXECUTE format('REVOKE %I FROM frontdesk_app', membership.role);
        END LOOP;
      END $$;
    `);
    for (const table of TENANT_TABLES) {
      await q.query(`
        DROP POLICY tenant_isolation ON ${table};
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
      `);
    }
    await q.query(`
      DROP POLICY tenant_isolation ON tenants;
      CREATE POLICY tenant_isolation ON tenants USING (id = app_tenant_id()) WITH CHECK (id = app_tenant_id());
      DROP FUNCTION app_cross_tenant();

      ALTER TABLE conversations ADD COLUMN version integer NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN lease_id uuid, ADD COLUMN leased_until timestamptz;

      -- Login: the one user with this email, with what the password check and the token need.
      CREATE FUNCTION user_for_login(login_email text)
        RETURNS TABLE (id uuid, tenant_id uuid, email text, name text, role text, password_hash text, tenant_status text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT u.id, u.tenant_id, u.email, u.name, u.role, u.password_hash, t.status
            FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id
           WHERE u.email = login_email
      $$;

      -- The super-admin's list of tenants: their public identity and status, nothing inside them.
      CREATE FUNCTION platform_tenants()
        RETURNS TABLE (id uuid, slug text, name text, timezone text, currency text, country text, locale text, status text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT t.id, t.slug, t.name, t.timezone, t.currency, t.country, t.locale, t.status
            FROM tenants t ORDER BY t.created_at, t.id
      $$;

      -- The hold sweeper's work list: which tenant's bookings have a hold or payment window that
      -- ran out. The sweeper expires each one as its tenant.
      CREATE FUNCTION stale_holds(batch integer)
        RETURNS TABLE (tenant_id uuid, id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT b.tenant_id, b.id FROM bookings b
           WHERE b.status IN ('held', 'pending_payment') AND b.hold_expires_at <= now()
           ORDER BY b.hold_expires_at
           LIMIT batch
      $$;

      -- The outbox sender's claim: due pending messages whose conversation has no earlier one
      -- still pending (a conversation's messages go out one at a time, in order), leased for
      -- \`lease_seconds\` under a fresh lease id. SKIP LOCKED lets several senders claim at once;
      -- an unexpired lease keeps a message from being claimed again while it is being sent.
      CREATE FUNCTION claim_outbox(due_before timestamptz, lease_seconds integer, batch integer)
        RETURNS TABLE (id uuid, tenant_id uuid, lease_id uuid, channel text, body text, options jsonb, attempts integer,
                       phone text, opted_out boolean, tenant_status text, sms_number text, whatsapp_phone_number_id text,
                       language text)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          WITH due AS (
            SELECT m.id FROM messages m
             WHERE m.status = 'pending' AND m.next_attempt_at <= due_before
               AND (m.leased_until IS NULL OR m.leased_until < clock_timestamp())
               AND NOT EXISTS (
                 SELECT 1 FROM messages earlier
                  WHERE earlier.tenant_id = m.tenant_id AND earlier.conversation_id = m.conversation_id
                    AND earlier.status = 'pending' AND earlier.seq < m.seq)
             ORDER BY m.next_attempt_at, m.seq
             LIMIT batch
             FOR UPDATE OF m SKIP LOCKED),
          leased AS (
            UPDATE messages m SET lease_id = gen_random_uuid(),
                   leased_until = clock_timestamp() + make_interval(secs => lease_seconds)
              FROM due WHERE m.id = due.id
            RETURNING m.id, m.tenant_id, m.conversation_id, m.lease_id, m.channel, m.body, m.options, m.attempts)
          SELECT l.id, l.tenant_id, l.lease_id, l.channel, l.body, l.options, l.attempts,
                 c.phone, c.opted_out, t.status, t.sms_number, t.whatsapp_phone_number_id,
                 coalesce(cv.memory->>'language', c.language, t.locale)
            FROM leased l
            JOIN conversations cv ON cv.tenant_id = l.tenant_id AND cv.id = l.conversation_id
            JOIN customers c ON c.tenant_id = cv.tenant_id AND c.id = cv.customer_id
            JOIN tenants t ON t.id = l.tenant_id
      $$;
    `);
    for (const fn of ['user_for_login(text)', 'platform_tenants()', 'stale_holds(integer)', 'claim_outbox(timestamptz, integer, integer)']) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC; GRANT EXECUTE ON FUNCTION ${fn} TO frontdesk_app;`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_outbox(timestamptz, integer, integer);
      DROP FUNCTION stale_holds(integer);
      DROP FUNCTION platform_tenants();
      DROP FUNCTION user_for_login(text);
      ALTER TABLE messages DROP COLUMN leased_until, DROP COLUMN lease_id;
      ALTER TABLE conversations DROP COLUMN version;
      CREATE FUNCTION app_cross_tenant() RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT coalesce(current_setting('app.cross_tenant', true), '') = 'on' $$;
      DROP POLICY tenant_isolation ON tenants;
      CREATE POLICY tenant_isolation ON tenants
        USING (id = app_tenant_id() OR app_cross_tenant()) WITH CHECK (id = app_tenant_id() OR app_cross_tenant());
      ALTER ROLE frontdesk_app NOLOGIN;
    `);
    for (const table of TENANT_TABLES) {
      await q.query(`
        DROP POLICY tenant_isolation ON ${table};
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_tenant_id() OR app_cross_tenant())
          WITH CHECK (tenant_id = app_tenant_id() OR app_cross_tenant());
      `);
    }
  }
}

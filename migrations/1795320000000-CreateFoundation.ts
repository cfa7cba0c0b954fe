import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenants, users, catalog, customers and the audit log, with row-level security.
 *
 * The app connects with the migrating role's credentials but switches to `frontdesk_app`
 * (`-c role=frontdesk_app`), which owns nothing, so every policy below applies to it.
 * `app_tenant_id()` is set per transaction (`set_config('app.tenant_id', …, true)`);
 * `app_cross_tenant()` marks the few reviewed cross-tenant paths.
 */
export class CreateFoundation1795320000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'frontdesk_app') THEN
          CREATE ROLE frontdesk_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
        END IF;
      END $$;
      GRANT frontdesk_app TO CURRENT_USER;
      GRANT USAGE ON SCHEMA public TO frontdesk_app;

      CREATE FUNCTION app_tenant_id() RETURNS uuid LANGUAGE sql STABLE AS
        $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
      CREATE FUNCTION app_cross_tenant() RETURNS boolean LANGUAGE sql STABLE AS
        $$ SELECT coalesce(current_setting('app.cross_tenant', true), '') = 'on' $$;

      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) BETWEEN 2 AND 63),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        timezone text NOT NULL,
        currency text NOT NULL CHECK (currency ~ '^[a-z]{3}$'),
        country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        locale text NOT NULL CHECK (locale IN ('en', 'es')),
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        business_hours jsonb NOT NULL CHECK (jsonb_typeof(business_hours) = 'object'),
        min_notice_minutes integer NOT NULL DEFAULT 120 CHECK (min_notice_minutes BETWEEN 0 AND 525600),
        max_advance_days integer NOT NULL DEFAULT 30 CHECK (max_advance_days BETWEEN 0 AND 730),
        slot_interval_minutes integer NOT NULL DEFAULT 15 CHECK (slot_interval_minutes BETWEEN 5 AND 720),
        same_day_cutoff time,
        cancellation_notice_hours integer NOT NULL DEFAULT 24 CHECK (cancellation_notice_hours BETWEEN 0 AND 8760),
        sms_number text UNIQUE,
        whatsapp_phone_number_id text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        email text NOT NULL CHECK (email = lower(email)),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('super_admin', 'owner', 'staff')),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_key UNIQUE (email),
        CONSTRAINT users_tenant_matches_role CHECK ((role = 'super_admin') = (tenant_id IS NULL))
      );

      CREATE TABLE services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
        price_cents integer NOT NULL CHECK (price_cents >= 0),
        buffer_before_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_before_minutes BETWEEN 0 AND 1440),
        buffer_after_minutes integer NOT NULL DEFAULT 0 CHECK (buffer_after_minutes BETWEEN 0 AND 1440),
        aliases text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id)
      );

      CREATE TABLE staff (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        performs_all_services boolean NOT NULL DEFAULT true,
        hours jsonb CHECK (hours IS NULL OR jsonb_typeof(hours) = 'object'),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id)
      );

      CREATE TABLE staff_services (
        tenant_id uuid NOT NULL,
        staff_id uuid NOT NULL,
        service_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, staff_id, service_id),
        FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE
      );

      CREATE TABLE overrides (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('closed', 'open')),
        start_time time,
        end_time time,
        staff_id uuid,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT overrides_times_paired CHECK ((start_time IS NULL) = (end_time IS NULL)),
        CONSTRAINT overrides_times_ordered CHECK (start_time IS NULL OR start_time < end_time),
        CONSTRAINT overrides_open_has_times CHECK (kind = 'closed' OR start_time IS NOT NULL)
      );
      CREATE INDEX overrides_tenant_date ON overrides (tenant_id, date);

      CREATE TABLE customers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        phone text NOT NULL CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
        name text,
        email text,
        language text CHECK (language IN ('en', 'es')),
        notes text,
        visit_count integer NOT NULL DEFAULT 0 CHECK (visit_count >= 0),
        cancellation_count integer NOT NULL DEFAULT 0 CHECK (cancellation_count >= 0),
        no_show_count integer NOT NULL DEFAULT 0 CHECK (no_show_count >= 0),
        opted_out boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, phone)
      );

      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        actor_user_id uuid,
        actor_role text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_log_tenant_created ON audit_log (tenant_id, created_at DESC);
    `);

    for (const table of ['users', 'services', 'staff', 'staff_services', 'overrides', 'customers', 'audit_log']) {
      await q.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = app_tenant_id() OR app_cross_tenant())
          WITH CHECK (tenant_id = app_tenant_id() OR app_cross_tenant());
      `);
    }
    await q.query(`
      ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON tenants
        USING (id = app_tenant_id() OR app_cross_tenant())
        WITH CHECK (id = app_tenant_id() OR app_cross_tenant());

      -- The access guard checks a token's tenant on every request: one narrow cross-tenant
      -- read, in one round trip, instead of a cross-tenant transaction.
      CREATE FUNCTION tenant_status(tenant uuid) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = public AS $$ SELECT status FROM tenants WHERE id = tenant $$;
      REVOKE ALL ON FUNCTION tenant_status(uuid) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION tenant_status(uuid) TO frontdesk_app;

      GRANT SELECT, INSERT, UPDATE, DELETE ON tenants, users, services, staff, staff_services, overrides, customers TO frontdesk_app;
      -- The audit log is append-only for the application.
      GRANT SELECT, INSERT ON audit_log TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE audit_log, customers, overrides, staff_services, staff, services, users, tenants;
      DROP FUNCTION tenant_status(uuid);
      DROP FUNCTION app_cross_tenant();
      DROP FUNCTION app_tenant_id();
      REVOKE USAGE ON SCHEMA public FROM frontdesk_app;
    `);
  }
}

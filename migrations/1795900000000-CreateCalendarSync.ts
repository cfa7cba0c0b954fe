import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calendars: per-staff ICS feeds and Google Calendar sync.
 *
 * `bookings.calendar_sequence` is the ICS `SEQUENCE`: a trigger raises it on every change a
 * calendar shows (time, staff member, service, status, name), so no write path can forget it.
 * The same change marks the booking's row in `calendar_event_jobs` pending, in the booking's own
 * transaction: that row is the outbox of calendar writes. A worker claims pending rows with a
 * lease (`claim_calendar_event_jobs`, FOR UPDATE SKIP LOCKED), calls Google outside any
 * transaction, and records the outcome only while its lease holds. `written_staff_id` and
 * `written_range` say where the booking's event is in Google now, so a move to another staff
 * member deletes the old event, and a busy refresh can leave Frontdesk's own events out.
 *
 * `calendar_feeds` holds each staff member's feed token id (the URL's secret is an HMAC of it;
 * a new id revokes the old URL). `google_connections` holds the encrypted OAuth tokens and the
 * busy refresh's schedule and lease; `external_busy` the busy ranges last read from Google.
 */
export class CreateCalendarSync1795900000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bookings ADD COLUMN calendar_sequence integer NOT NULL DEFAULT 0;

      CREATE TABLE calendar_feeds (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        staff_id uuid NOT NULL,
        token_id uuid NOT NULL DEFAULT gen_random_uuid(),
        busy_only boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, staff_id),
        UNIQUE (tenant_id, token_id),
        FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE
      );
      -- The feed URL names the token alone (a random uuid): looked up across tenants by calendar_feed_by_token.
      -- Unique per tenant only, so the table distributes by tenant_id (SCALING.md).
      CREATE INDEX calendar_feeds_token ON calendar_feeds (token_id);

      CREATE TABLE google_connections (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        staff_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('connected', 'disconnected', 'error')),
        email text CHECK (length(email) <= 320),
        -- AES-256-GCM of the token set (ENCRYPTION_KEY): iv, tag, ciphertext.
        tokens bytea,
        last_sync_at timestamptz,
        last_error text CHECK (length(last_error) <= 500),
        sync_due_at timestamptz NOT NULL DEFAULT now(),
        sync_failures integer NOT NULL DEFAULT 0,
        lease_id uuid,
        leased_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, staff_id),
        FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT google_connections_connected_has_tokens CHECK (status = 'disconnected' OR tokens IS NOT NULL)
      );
      CREATE INDEX google_connections_due ON google_connections (sync_due_at) WHERE status <> 'disconnected';

      CREATE TABLE external_busy (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        staff_id uuid NOT NULL,
        busy tstzrange NOT NULL CHECK (NOT isempty(busy) AND lower_inc(busy) AND NOT upper_inc(busy)),
        FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX external_busy_staff ON external_busy USING gist (tenant_id, staff_id, busy);

      CREATE TABLE calendar_event_jobs (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        booking_id uuid NOT NULL,
        pending boolean NOT NULL DEFAULT true,
        due_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text CHECK (length(last_error) <= 500),
        lease_id uuid,
        leased_until timestamptz,
        written_staff_id uuid,
        written_range tstzrange,
        PRIMARY KEY (tenant_id, booking_id),
        FOREIGN KEY (tenant_id, booking_id) REFERENCES bookings (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, written_staff_id) REFERENCES staff (tenant_id, id) ON DELETE SET NULL (written_staff_id)
      );
      CREATE INDEX calendar_event_jobs_due ON calendar_event_jobs (due_at) WHERE pending;
      CREATE INDEX calendar_event_jobs_written ON calendar_event_jobs (tenant_id, written_staff_id) WHERE written_staff_id IS NOT NULL;

      CREATE FUNCTION bump_calendar_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.start_at IS DISTINCT FROM OLD.start_at OR NEW.end_at IS DISTINCT FROM OLD.end_at
             OR NEW.staff_id IS DISTINCT FROM OLD.staff_id OR NEW.service_id IS DISTINCT FROM OLD.service_id
             OR NEW.status IS DISTINCT FROM OLD.status OR NEW.customer_name IS DISTINCT FROM OLD.customer_name THEN
            NEW.calendar_sequence := OLD.calendar_sequence + 1;
          END IF;
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER bookings_bump_calendar_sequence BEFORE UPDATE ON bookings
        FOR EACH ROW EXECUTE FUNCTION bump_calendar_sequence();

      -- Runs as the writer of the booking, inside its transaction and tenant.
      CREATE FUNCTION queue_calendar_event_job() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO calendar_event_jobs AS j (tenant_id, booking_id) VALUES (NEW.tenant_id, NEW.id)
            ON CONFLICT (tenant_id, booking_id) DO UPDATE SET pending = true, due_at = now(), attempts = 0;
          RETURN NULL;
        END
      $$;
      CREATE TRIGGER bookings_queue_calendar_event_insert AFTER INSERT ON bookings
        FOR EACH ROW EXECUTE FUNCTION queue_calendar_event_job();
      CREATE TRIGGER bookings_queue_calendar_event_update AFTER UPDATE ON bookings
        FOR EACH ROW WHEN (NEW.calendar_sequence <> OLD.calendar_sequence) EXECUTE FUNCTION queue_calendar_event_job();

      ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
      ALTER TABLE google_connections ENABLE ROW LEVEL SECURITY;
      ALTER TABLE external_busy ENABLE ROW LEVEL SECURITY;
      ALTER TABLE calendar_event_jobs ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON calendar_feeds
        USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
      CREATE POLICY tenant_isolation ON google_connections
        USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
      CREATE POLICY tenant_isolation ON external_busy
        USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
      CREATE POLICY tenant_isolation ON calendar_event_jobs
        USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
      GRANT SELECT, INSERT, UPDATE ON calendar_feeds TO frontdesk_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON google_connections TO frontdesk_app;
      GRANT SELECT, INSERT, DELETE ON external_busy TO frontdesk_app;
      GRANT SELECT, INSERT, UPDATE ON calendar_event_jobs TO frontdesk_app;

      -- The public feed URL names a token id only: which tenant and staff member it belongs to.
      CREATE FUNCTION calendar_feed_by_token(token uuid)
        RETURNS TABLE (tenant_id uuid, staff_id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT f.tenant_id, f.staff_id FROM calendar_feeds f
            JOIN tenants t ON t.id = f.tenant_id AND t.status = 'active'
           WHERE f.token_id = token
      $$;

      -- The busy refresh's claim: connections due, leased so that one process refreshes each.
      CREATE FUNCTION claim_google_syncs(lease_seconds integer, batch integer)
        RETURNS TABLE (tenant_id uuid, staff_id uuid, lease_id uuid)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          WITH due AS (
            SELECT g.tenant_id, g.staff_id FROM google_connections g
             WHERE g.status <> 'disconnected' AND g.sync_due_at <= clock_timestamp()
               AND (g.leased_until IS NULL OR g.leased_until < clock_timestamp())
             ORDER BY g.sync_due_at
             LIMIT batch
             FOR UPDATE SKIP LOCKED)
          UPDATE google_connections g SET lease_id = gen_random_uuid(),
                 leased_until = clock_timestamp() + make_interval(secs => lease_seconds)
            FROM due WHERE g.tenant_id = due.tenant_id AND g.staff_id = due.staff_id
          RETURNING g.tenant_id, g.staff_id, g.lease_id
      $$;

      -- The calendar outbox's claim: pending event writes, leased the same way.
      CREATE FUNCTION claim_calendar_event_jobs(lease_seconds integer, batch integer)
        RETURNS TABLE (tenant_id uuid, booking_id uuid, lease_id uuid)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          WITH due AS (
            SELECT j.tenant_id, j.booking_id FROM calendar_event_jobs j
             WHERE j.pending AND j.due_at <= clock_timestamp()
               AND (j.leased_until IS NULL OR j.leased_until < clock_timestamp())
             ORDER BY j.due_at
             LIMIT batch
             FOR UPDATE SKIP LOCKED)
          UPDATE calendar_event_jobs j SET lease_id = gen_random_uuid(),
                 leased_until = clock_timestamp() + make_interval(secs => lease_seconds)
            FROM due WHERE j.tenant_id = due.tenant_id AND j.booking_id = due.booking_id
          RETURNING j.tenant_id, j.booking_id, j.lease_id
      $$;
    `);
    for (const fn of [
      'calendar_feed_by_token(uuid)',
      'claim_google_syncs(integer, integer)',
      'claim_calendar_event_jobs(integer, integer)',
    ]) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC; GRANT EXECUTE ON FUNCTION ${fn} TO frontdesk_app;`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION claim_calendar_event_jobs(integer, integer);
      DROP FUNCTION claim_google_syncs(integer, integer);
      DROP FUNCTION calendar_feed_by_token(uuid);
      DROP TRIGGER bookings_queue_calendar_event_update ON bookings;
      DROP TRIGGER bookings_queue_calendar_event_insert ON bookings;
      DROP FUNCTION queue_calendar_event_job();
      DROP TRIGGER bookings_bump_calendar_sequence ON bookings;
      DROP FUNCTION bump_calendar_sequence();
      DROP TABLE calendar_event_jobs;
      DROP TABLE external_busy;
      DROP TABLE google_connections;
      DROP TABLE calendar_feeds;
      ALTER TABLE bookings DROP COLUMN calendar_sequence;
    `);
  }
}

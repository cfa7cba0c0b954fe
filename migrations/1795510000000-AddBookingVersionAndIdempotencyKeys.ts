import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two guards for booking writes.
 *
 * `bookings.version` counts the changes a customer's link must not outlive: a trigger adds one
 * when the booking moves (time or staff member) or stops being active (cancelled, expired,
 * completed, no-show), so no write path can forget it. Confirming a hold or a payment does not
 * count: the link the customer was given at booking stays good. A manage link names the
 * version it was issued for; an older link can still show the booking but no longer change it.
 *
 * `idempotency_keys` remembers the answer to a create request sent with an `Idempotency-Key`
 * for 24 hours, per tenant and endpoint. The key row is written in the same transaction as
 * the booking, before it: a concurrent request with the same key waits on that row and then
 * reads the answer, and a rolled-back request leaves neither a key nor a booking behind.
 * Expired rows are ignored when met and deleted by `purge_idempotency_keys`.
 */
export class AddBookingVersionAndIdempotencyKeys1795510000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bookings ADD COLUMN version integer NOT NULL DEFAULT 1;
      CREATE FUNCTION bump_booking_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.start_at IS DISTINCT FROM OLD.start_at OR NEW.staff_id IS DISTINCT FROM OLD.staff_id
             OR (NEW.status IS DISTINCT FROM OLD.status AND NEW.status NOT IN ('held', 'pending_payment', 'confirmed')) THEN
            NEW.version := OLD.version + 1;
          END IF;
          RETURN NEW;
        END
      $$;
      CREATE TRIGGER bookings_bump_version BEFORE UPDATE ON bookings
        FOR EACH ROW EXECUTE FUNCTION bump_booking_version();

      CREATE TABLE idempotency_keys (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        scope text NOT NULL CHECK (scope IN ('bookings.public', 'bookings.admin')),
        key text NOT NULL CHECK (key ~ '^[\\x20-\\x7E]{1,255}$'),
        request_hash text NOT NULL,
        response_status integer,
        response_body json,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, scope, key),
        CONSTRAINT idempotency_keys_answer_whole CHECK ((response_status IS NULL) = (response_body IS NULL))
      );
      CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
      ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON idempotency_keys
        USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
      GRANT SELECT, INSERT, UPDATE ON idempotency_keys TO frontdesk_app;

      -- The sweeper's clean-up: every tenant's keys older than \`max_age\`; how many went.
      CREATE FUNCTION purge_idempotency_keys(max_age interval) RETURNS integer
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
          WITH gone AS (DELETE FROM idempotency_keys WHERE created_at <= now() - max_age RETURNING 1)
          SELECT count(*)::integer FROM gone
      $$;
      REVOKE ALL ON FUNCTION purge_idempotency_keys(interval) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION purge_idempotency_keys(interval) TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION purge_idempotency_keys(interval);
      DROP TABLE idempotency_keys;
      DROP TRIGGER bookings_bump_version ON bookings;
      DROP FUNCTION bump_booking_version();
      ALTER TABLE bookings DROP COLUMN version;
    `);
  }
}

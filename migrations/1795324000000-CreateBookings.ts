import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bookings. Two active bookings of one staff member can never overlap, buffers included:
 * each row stores its blocked range `[start − bufferBefore, end + bufferAfter)` and an
 * exclusion constraint refuses overlapping ranges among active statuses, however many
 * requests race on however many API processes.
 */
export class CreateBookings1795324000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS btree_gist;

      CREATE TABLE bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        service_id uuid NOT NULL,
        staff_id uuid NOT NULL,
        customer_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('held', 'pending_payment', 'confirmed', 'cancelled', 'completed', 'no_show', 'expired')),
        start_at timestamptz NOT NULL,
        end_at timestamptz NOT NULL,
        blocked tstzrange NOT NULL,
        source text NOT NULL CHECK (source IN ('web', 'chat', 'sms', 'whatsapp', 'admin')),
        deposit_cents integer NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
        payment_status text NOT NULL DEFAULT 'none' CHECK (payment_status IN ('none', 'pending', 'paid', 'refunded')),
        notes text CHECK (length(notes) <= 2000),
        hold_expires_at timestamptz,
        cancel_reason text CHECK (length(cancel_reason) <= 500),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id),
        FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id),
        FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
        CONSTRAINT bookings_end_after_start CHECK (end_at > start_at),
        CONSTRAINT bookings_blocked_covers_appointment CHECK (
          lower_inc(blocked) AND NOT upper_inc(blocked) AND lower(blocked) <= start_at AND upper(blocked) >= end_at
        ),
        CONSTRAINT bookings_hold_has_expiry CHECK (status NOT IN ('held', 'pending_payment') OR hold_expires_at IS NOT NULL),
        CONSTRAINT bookings_no_overlap EXCLUDE USING gist (tenant_id WITH =, staff_id WITH =, blocked WITH &&)
          WHERE (status IN ('held', 'pending_payment', 'confirmed'))
      );
      CREATE INDEX bookings_tenant_start ON bookings (tenant_id, start_at);
      CREATE INDEX bookings_customer ON bookings (tenant_id, customer_id, start_at);
      CREATE INDEX bookings_hold_expiry ON bookings (hold_expires_at) WHERE status IN ('held', 'pending_payment');

      ALTER TABLE bookings ENABLE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON bookings
        USING (tenant_id = app_tenant_id() OR app_cross_tenant())
        WITH CHECK (tenant_id = app_tenant_id() OR app_cross_tenant());
      GRANT SELECT, INSERT, UPDATE ON bookings TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bookings;`);
  }
}

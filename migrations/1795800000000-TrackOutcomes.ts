import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcomes of bookings: when a booking was cancelled and whether that was inside the business's
 * cancellation notice (a late cancel), and the customer's count of late cancels beside the
 * existing completed (`visit_count`) and no-show counts. Backfilled from the bookings already
 * cancelled (their cancel time is unknown; `updated_at` is the best record of it).
 * The booking's stored no-show risk (scored by `refreshRisk`; existing bookings start at the
 * default business rate's score until their next refresh).
 * Also the outcome sweeper's narrow cross-tenant work list (`finished_bookings`).
 */
export class TrackOutcomes1795800000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bookings
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN late_cancel boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT bookings_late_cancel_is_cancelled CHECK (NOT late_cancel OR status = 'cancelled'),
        ADD COLUMN risk_score real NOT NULL DEFAULT 0.1 CHECK (risk_score BETWEEN 0 AND 1),
        ADD COLUMN risk_tier text NOT NULL DEFAULT 'medium' CHECK (risk_tier IN ('low', 'medium', 'high')),
        ADD COLUMN risk_reasons text[] NOT NULL DEFAULT '{}';
      ALTER TABLE customers
        ADD COLUMN late_cancel_count integer NOT NULL DEFAULT 0 CHECK (late_cancel_count >= 0);

      UPDATE bookings b SET cancelled_at = b.updated_at,
             late_cancel = b.updated_at > b.start_at - make_interval(hours => t.cancellation_notice_hours)
        FROM tenants t
       WHERE t.id = b.tenant_id AND b.status = 'cancelled';
      UPDATE customers c SET late_cancel_count = n.late
        FROM (SELECT customer_id, count(*)::int AS late FROM bookings WHERE late_cancel GROUP BY customer_id) n
       WHERE n.customer_id = c.id;

      -- The outcome sweeper's work list: confirmed bookings that ended before the cutoff.
      CREATE INDEX bookings_confirmed_end ON bookings (end_at) WHERE status = 'confirmed';
      CREATE FUNCTION finished_bookings(cutoff timestamptz, batch integer)
        RETURNS TABLE (tenant_id uuid, id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT b.tenant_id, b.id FROM bookings b
           WHERE b.status = 'confirmed' AND b.end_at <= cutoff
           ORDER BY b.end_at
           LIMIT batch
      $$;
      REVOKE ALL ON FUNCTION finished_bookings(timestamptz, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION finished_bookings(timestamptz, integer) TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION finished_bookings(timestamptz, integer);
      DROP INDEX bookings_confirmed_end;
      ALTER TABLE customers DROP COLUMN late_cancel_count;
      ALTER TABLE bookings DROP COLUMN risk_reasons, DROP COLUMN risk_tier, DROP COLUMN risk_score,
        DROP CONSTRAINT bookings_late_cancel_is_cancelled,
        DROP COLUMN late_cancel, DROP COLUMN cancelled_at;
    `);
  }
}

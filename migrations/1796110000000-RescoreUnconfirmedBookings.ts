import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The no-show risk's "reminder not confirmed by T−2 h" input, applied once per booking, and the
 * extra reminder of high-risk bookings.
 *
 * - `bookings.risk_rescored_for`: the start the booking was scored again for at T−2 h (null:
 *   never). Keyed by the start, not a flag, so a booking moved to a new time is rescored again
 *   for that time with nothing to reset.
 * - `unconfirmed_bookings_due`: the rescoring sweeper's narrow cross-tenant work list — confirmed
 *   bookings starting in the window, not confirmed by the customer although a reminder went out,
 *   not yet rescored for their start; a partial index keeps it to the unconfirmed ones.
 * - `reminders.high_risk_extra`: the row is the extra reminder (`highRiskExtraOffsetMinutes`), so
 *   it can be dropped when the booking leaves the high tier without touching the usual ones.
 */
export class RescoreUnconfirmedBookings1796110000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bookings ADD COLUMN risk_rescored_for timestamptz;
      ALTER TABLE reminders ADD COLUMN high_risk_extra boolean NOT NULL DEFAULT false;

      CREATE INDEX bookings_unconfirmed_start ON bookings (start_at)
        WHERE status = 'confirmed' AND customer_confirmed_at IS NULL;
      CREATE FUNCTION unconfirmed_bookings_due(starts_after timestamptz, starts_by timestamptz, batch integer)
        RETURNS TABLE (tenant_id uuid, id uuid)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
          SELECT b.tenant_id, b.id FROM bookings b
           WHERE b.status = 'confirmed' AND b.customer_confirmed_at IS NULL
             AND b.start_at > starts_after AND b.start_at <= starts_by
             AND b.risk_rescored_for IS DISTINCT FROM b.start_at
             AND EXISTS (SELECT 1 FROM reminders r
                          WHERE r.tenant_id = b.tenant_id AND r.booking_id = b.id AND r.status = 'sent')
           ORDER BY b.start_at
           LIMIT batch
      $$;
      REVOKE ALL ON FUNCTION unconfirmed_bookings_due(timestamptz, timestamptz, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION unconfirmed_bookings_due(timestamptz, timestamptz, integer) TO frontdesk_app;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP FUNCTION unconfirmed_bookings_due(timestamptz, timestamptz, integer);
      DROP INDEX bookings_unconfirmed_start;
      ALTER TABLE reminders DROP COLUMN high_risk_extra;
      ALTER TABLE bookings DROP COLUMN risk_rescored_for;
    `);
  }
}

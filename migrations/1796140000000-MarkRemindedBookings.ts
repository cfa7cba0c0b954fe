import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The analytics summary, less work per request.
 *
 * - `bookings.reminded_at`: when the booking's first reminder went out (null: never reminded).
 *   The summary's reminded bookings (denominator of `confirmationRate`) are then one more count of
 *   the range's bookings, the same population as `confirmedByReply`, instead of a hash of every
 *   sent reminder's booking id. Kept by two statement triggers on `reminders`, whatever path
 *   marks a reminder sent (the dispatcher, the demo history), in that same transaction; backfilled
 *   here from the
 *   sent reminders (which rewrites every reminded booking: until the next vacuum of `bookings`,
 *   its index-only scans visit the heap). Never cleared: a booking reminded once stays reminded,
 *   rescheduled or not.
 * - Lock order. Marking a booking from a reminder locks the booking while the reminder is locked,
 *   but booking changes (cancel, reschedule, status, payments, replies) lock the booking first and
 *   then update its reminders: a dispatcher holding a reminder and waiting for its booking, and a
 *   booking change holding the booking and waiting for the reminder, would deadlock. So
 *   `claim_due_reminders` now locks each due reminder's booking along with it (SKIP LOCKED both):
 *   a reminder whose booking is being changed is left for the next claim, and a claim never waits.
 *   The dispatcher then holds every booking it will mark before it writes anything, so it never
 *   waits for one, and the order is bookings → reminders → conversations everywhere.
 * - `bookings_analytics` covers `reminded_at`, so the summary's booking figures stay an index-only scan.
 * - `reminders_analytics` holds sent reminders only, with their message status: what the
 *   summary's reminder figures count, nothing they filter out.
 * - `bookings_conversation_made` replaces `bookings_customer_made`: only bookings made through a
 *   conversation that got past their hold, the ones the summary's "did this conversation's customer
 *   book afterwards?" probe looks for, so each probe lands on its answer in fewer pages.
 */
const claimDueReminders = (locking: string, join: string) => `
  CREATE OR REPLACE FUNCTION claim_due_reminders(due_before timestamptz, batch integer)
    RETURNS TABLE (id uuid, tenant_id uuid)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
      SELECT r.id, r.tenant_id FROM reminders r ${join}
       WHERE r.status = 'scheduled' AND r.due_at <= due_before
       ORDER BY r.due_at
       LIMIT batch
       ${locking}
  $$;`;

export class MarkRemindedBookings1796140000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Both tables at once, reminders first as a running dispatcher takes them: a process of the
      -- previous release still claiming reminders while this runs waits, or makes this wait, never both.
      LOCK TABLE reminders, bookings IN ACCESS EXCLUSIVE MODE;
      ALTER TABLE bookings ADD COLUMN reminded_at timestamptz;
      UPDATE bookings b SET reminded_at = s.first_sent
        FROM (SELECT tenant_id, booking_id, min(sent_at) AS first_sent FROM reminders WHERE status = 'sent' GROUP BY 1, 2) s
       WHERE b.tenant_id = s.tenant_id AND b.id = s.booking_id;

      -- Runs as the writer of the reminders, in its transaction and tenant, once per statement over
      -- the rows it wrote (a bulk insert is one UPDATE, not one per row). The earliest send wins, so
      -- a reminder sent before, written again (its delivery status copied), changes nothing.
      CREATE FUNCTION reminders_mark_bookings() RETURNS trigger
        LANGUAGE plpgsql AS $$
          BEGIN
            UPDATE bookings b SET reminded_at = s.first_sent
              FROM (SELECT w.tenant_id, w.booking_id, min(w.sent_at) AS first_sent
                      FROM written w WHERE w.status = 'sent' GROUP BY 1, 2) s
             WHERE b.tenant_id = s.tenant_id AND b.id = s.booking_id
               AND (b.reminded_at IS NULL OR b.reminded_at > s.first_sent);
            RETURN NULL;
          END
      $$;
      CREATE TRIGGER reminders_mark_bookings_on_insert
        AFTER INSERT ON reminders REFERENCING NEW TABLE AS written
        FOR EACH STATEMENT EXECUTE FUNCTION reminders_mark_bookings();
      CREATE TRIGGER reminders_mark_bookings_on_update
        AFTER UPDATE ON reminders REFERENCING NEW TABLE AS written
        FOR EACH STATEMENT EXECUTE FUNCTION reminders_mark_bookings();
    `);
    await q.query(
      claimDueReminders(
        'FOR NO KEY UPDATE OF b SKIP LOCKED FOR UPDATE OF r SKIP LOCKED',
        'JOIN bookings b ON b.tenant_id = r.tenant_id AND b.id = r.booking_id',
      ),
    );
    await q.query(`
      DROP INDEX bookings_analytics;
      CREATE INDEX bookings_analytics ON bookings (tenant_id, start_at)
        INCLUDE (status, late_cancel, service_id, staff_id, risk_tier, customer_confirmed_at, created_at, deposit_cents,
                 payment_status, reminded_at);
      DROP INDEX reminders_analytics;
      CREATE INDEX reminders_analytics ON reminders (tenant_id, planned_start) INCLUDE (message_status) WHERE status = 'sent';
      DROP INDEX bookings_customer_made;
      CREATE INDEX bookings_conversation_made ON bookings (tenant_id, customer_id, created_at)
        WHERE source IN ('chat', 'sms', 'whatsapp') AND status NOT IN ('held', 'expired');
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX bookings_conversation_made;
      CREATE INDEX bookings_customer_made ON bookings (tenant_id, customer_id, created_at) INCLUDE (source, status);
      DROP INDEX reminders_analytics;
      CREATE INDEX reminders_analytics ON reminders (tenant_id, planned_start) INCLUDE (status, message_status, booking_id);
      DROP INDEX bookings_analytics;
      CREATE INDEX bookings_analytics ON bookings (tenant_id, start_at)
        INCLUDE (status, late_cancel, service_id, staff_id, risk_tier, customer_confirmed_at, created_at, deposit_cents, payment_status);
    `);
    await q.query(claimDueReminders('FOR UPDATE SKIP LOCKED', ''));
    await q.query(`
      DROP TRIGGER reminders_mark_bookings_on_update ON reminders;
      DROP TRIGGER reminders_mark_bookings_on_insert ON reminders;
      DROP FUNCTION reminders_mark_bookings();
      ALTER TABLE bookings DROP COLUMN reminded_at;
    `);
  }
}

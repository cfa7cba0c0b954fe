import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { refreshRisk } from '../bookings/booking-risk';

/**
 * The last reminder that went out to the customer of conversation `cv` (its outbound message not
 * failed), as JSON (`LastReminder`) or null, with whether that message is still the last one we
 * sent; a subquery of the statement that reads a conversation (`ConversationRepository`).
 * Whether its booking is still upcoming and confirmed the engine checks against the customer's
 * upcoming bookings.
 */
export const LAST_REMINDER_SQL = `
  (select json_build_object(
            'bookingId', r.booking_id,
            'awaitingReply', not exists (select 1 from messages later
                                          where later.tenant_id = msg.tenant_id and later.conversation_id = msg.conversation_id
                                            and later.direction = 'outbound' and later.seq > msg.seq))
     from reminders r
     join messages msg on msg.tenant_id = r.tenant_id and msg.id = r.message_id
    where msg.conversation_id = cv.id and r.status in ('sent', 'delivered') and msg.status <> 'failed'
    order by msg.seq desc
    limit 1)`;

/**
 * What the conversation engine needs of reminders (the `reminders` table of the reminders
 * module) besides the last one (`LAST_REMINDER_SQL`): confirming the booking it asked about.
 */
@Injectable()
export class ReminderRepliesRepository {
  /** Marks the booking confirmed by its customer; the first confirmation's time stays. True when it is confirmed. */
  async confirmAttendance(m: EntityManager, bookingId: string): Promise<boolean> {
    // Selected from a CTE: a bare UPDATE … RETURNING comes back from TypeORM as [rows, count],
    // whose length is 2 whether or not the booking was confirmed.
    const rows = await m.query<{ id: string }[]>(
      `with confirmed as (
         update bookings set customer_confirmed_at = coalesce(customer_confirmed_at, now()), updated_at = now()
          where id = $1 and status = 'confirmed'
          returning id)
       select id from confirmed`,
      [bookingId],
    );
    // A confirmed reply is an input of the no-show risk.
    if (rows.length > 0) await refreshRisk(m, { bookingIds: [bookingId] });
    return rows.length > 0;
  }
}

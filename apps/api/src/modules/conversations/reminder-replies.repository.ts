import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { refreshRisk } from '../bookings/booking-risk';

/**
 * What the conversation engine needs of reminders (the `reminders` table of the reminders
 * module) besides the last one (read with the conversation, `customer_conversation` in SQL):
 * confirming the booking it asked about.
 */
@Injectable()
export class ReminderRepliesRepository {
  constructor(private readonly clock: Clock) {}

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
    if (rows.length > 0) await refreshRisk(m, { bookingIds: [bookingId] }, this.clock.now());
    return rows.length > 0;
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReminderList, ReminderStatus } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { notFound } from '../../common/errors/app-error';
import { cancelUnsentReminders } from './reminder-rows';

interface ReminderRow {
  offsetMinutes: number;
  dueAt: Date;
  status: Exclude<ReminderStatus, 'delivered'>;
  channel: 'sms' | 'whatsapp' | null;
  sentAt: Date | null;
  messageStatus: string | null;
}

/**
 * A booking's reminders as rows (planned with each booking change by `planReminderRows`):
 * dropped when the customer opts out, listed for the owner.
 */
@Injectable()
export class RemindersService {
  constructor(private readonly db: Db) {}

  /** Drops a customer's unsent reminders (they opted out of messages). */
  async dropForCustomer(m: EntityManager, customerId: string): Promise<void> {
    await cancelUnsentReminders(m, 'customer_id = $1', [customerId], 'The customer opted out of messages');
  }

  /** `GET /bookings/:id/reminders`: a sent reminder reads `delivered` (or `failed`) as its message does. */
  list(tenantId: string, bookingId: string): Promise<ReminderList> {
    return this.db.asTenant(tenantId, async (m) => {
      const [booking] = await m.query<unknown[]>('select 1 from bookings where id = $1', [bookingId]);
      if (!booking) throw notFound('Booking');
      const rows = await m.query<ReminderRow[]>(
        `select r.offset_minutes as "offsetMinutes", r.due_at as "dueAt", r.status, r.channel, r.sent_at as "sentAt",
                msg.status as "messageStatus"
           from reminders r left join messages msg on msg.tenant_id = r.tenant_id and msg.id = r.message_id
          where r.booking_id = $1
          order by r.planned_start, r.due_at, r.offset_minutes desc`,
        [bookingId],
      );
      return {
        items: rows.map((r) => ({
          offsetMinutes: r.offsetMinutes,
          dueAt: r.dueAt.toISOString(),
          status: viewStatus(r),
          channel: r.channel,
          sentAt: r.sentAt?.toISOString() ?? null,
        })),
      };
    });
  }
}

function viewStatus(r: ReminderRow): ReminderStatus {
  if (r.status !== 'sent') return r.status;
  if (r.messageStatus === 'delivered' || r.messageStatus === 'read') return 'delivered';
  if (r.messageStatus === 'failed') return 'failed';
  return 'sent';
}

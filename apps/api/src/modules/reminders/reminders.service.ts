import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Booking, ReminderList, ReminderSettings, ReminderStatus } from '@frontdesk/contracts';
import { planReminders } from '@frontdesk/policies';
import { Db } from '../../common/db/db.service';
import { notFound } from '../../common/errors/app-error';
import { reminderSettingsOf } from './reminder-settings.service';

interface ReminderRow {
  offsetMinutes: number;
  dueAt: Date;
  status: Exclude<ReminderStatus, 'delivered'>;
  channel: 'sms' | 'whatsapp' | null;
  sentAt: Date | null;
  messageStatus: string | null;
}

/**
 * A booking's reminders as rows: planned when it becomes confirmed, planned afresh when it
 * moves, dropped when it stops being confirmed or its customer opts out. Everything runs in the
 * caller's tenant transaction, with the booking change that caused it.
 */
@Injectable()
export class RemindersService {
  constructor(private readonly db: Db) {}

  /**
   * Brings the booking's reminders in line with it: a confirmed booking has one row per offset
   * for its current start (unsent ones for another start are cancelled); any other status drops
   * the unsent ones. Safe to call more than once: rows planned for this start stay as they are.
   */
  async planFor(
    m: EntityManager,
    tenantId: string,
    booking: Pick<Booking, 'id' | 'status' | 'start' | 'customer'>,
    now = new Date(),
  ) {
    const start = new Date(booking.start);
    if (booking.status !== 'confirmed') {
      await this.cancelUnsent(m, 'booking_id = $1', [booking.id], `The booking is ${booking.status}`);
      return;
    }
    await this.cancelUnsent(m, 'booking_id = $1 and planned_start <> $2', [booking.id, start], 'The booking was rescheduled');
    const [tenant] = await m.query<{ timezone: string; settings: ReminderSettings | null }[]>(
      'select timezone, reminder_settings as settings from tenants where id = $1',
      [tenantId],
    );
    const settings = reminderSettingsOf(tenant.settings);
    if (!settings.enabled || settings.offsetsMinutes.length === 0) return;
    const plan = planReminders({ start, timezone: tenant.timezone, settings, confirmedAt: now });
    // One row per offset and start; a row cancelled by an earlier move away from this start is
    // planned again, one already sent for it is not sent twice.
    await m.query(
      `insert into reminders (tenant_id, booking_id, customer_id, offset_minutes, planned_start, due_at, status, reason)
       select $1, $2, $3, p.offset_minutes, $4, p.due_at, p.status, p.reason
         from jsonb_to_recordset($5::jsonb) as p(offset_minutes integer, due_at timestamptz, status text, reason text)
       on conflict (tenant_id, booking_id, offset_minutes, planned_start) do update
          set due_at = excluded.due_at, status = excluded.status, reason = excluded.reason, updated_at = now()
        where reminders.status = 'cancelled'`,
      [
        tenantId,
        booking.id,
        booking.customer.id,
        start,
        JSON.stringify(
          plan.map((p) =>
            p.status === 'scheduled'
              ? { offset_minutes: p.offsetMinutes, due_at: p.dueAt.toISOString(), status: 'scheduled', reason: null }
              : {
                  offset_minutes: p.offsetMinutes,
                  due_at: new Date(start.getTime() - p.offsetMinutes * 60_000).toISOString(),
                  status: 'skipped',
                  reason: 'Confirmed too close to the appointment',
                },
          ),
        ),
      ],
    );
  }

  /** Drops a customer's unsent reminders (they opted out of messages). */
  async dropForCustomer(m: EntityManager, customerId: string): Promise<void> {
    await this.cancelUnsent(m, 'customer_id = $1', [customerId], 'The customer opted out of messages');
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

  private async cancelUnsent(m: EntityManager, where: string, params: unknown[], reason: string): Promise<void> {
    await m.query(
      `update reminders set status = 'cancelled', reason = $${params.length + 1}, updated_at = now()
        where status = 'scheduled' and ${where}`,
      [...params, reason],
    );
  }
}

function viewStatus(r: ReminderRow): ReminderStatus {
  if (r.status !== 'sent') return r.status;
  if (r.messageStatus === 'delivered' || r.messageStatus === 'read') return 'delivered';
  if (r.messageStatus === 'failed') return 'failed';
  return 'sent';
}

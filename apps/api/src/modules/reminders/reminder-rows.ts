import type { EntityManager } from 'typeorm';
import type { BookingStatus, ReminderSettings, RiskTier } from '@frontdesk/contracts';
import { planReminders } from '@frontdesk/policies';
import { type Statement, writeTogether } from '../../common/db/statement';
import { reminderSettingsOf } from './reminder-settings.service';

/**
 * The booking's tenant with what planning reads of it (a `TenantRow` fits): `get` is called
 * only for a confirmed booking, so a caller that has not read the tenant reads it then.
 */
export interface ReminderTenant {
  id: string;
  get(): Promise<{ timezone: string; reminderSettings: ReminderSettings | null }>;
}

/** What planning a booking's reminders reads of it (a `Booking` view fits). */
export interface ReminderSubject {
  id: string;
  status: BookingStatus;
  start: string | Date;
  customer: { id: string };
  noShowRisk: { tier: RiskTier };
}

/**
 * Brings the booking's reminders in line with it, in the caller's tenant transaction: a confirmed
 * booking has one row per offset for its current start, plus the extra one while it is in the
 * `high` risk tier and the settings have one (unsent ones for another start, and an unsent extra
 * one of a booking no longer high risk, are cancelled); any other status drops the unsent ones.
 * Safe to call more than once: rows planned for this start stay as they are. Called on every
 * booking change (`BookingsService`) and when a score moves a booking into or out of the high
 * tier (`refreshRisk`). `hadNone`: the booking has never had reminders, being a hold or a hold
 * until this change (reminders are planned for confirmed bookings only): none to cancel.
 * `alongside`: other writes (the change's audit record) sent in one statement with the first.
 */
export async function planReminderRows(
  m: EntityManager,
  tenant: ReminderTenant,
  booking: ReminderSubject,
  now: Date,
  { hadNone = false, alongside = [] }: { hadNone?: boolean; alongside?: Statement[] } = {},
) {
  const [first, ...rest] = await reminderWrites(tenant, booking, now, hadNone);
  await writeTogether(m, [...alongside, ...(first ? [first] : [])]);
  // In order: the insert plans again what the cancellation before it let go.
  for (const write of rest) await m.query(...write);
}

async function reminderWrites(
  tenant: ReminderTenant,
  booking: ReminderSubject,
  now: Date,
  hadNone: boolean,
): Promise<Statement[]> {
  const start = new Date(booking.start);
  if (booking.status !== 'confirmed') {
    return hadNone ? [] : [unsentCancellation('booking_id = $1', [booking.id], `The booking is ${booking.status}`)];
  }
  const { timezone, reminderSettings } = await tenant.get();
  const settings = reminderSettingsOf(reminderSettings);
  const plan = settings.enabled
    ? planReminders({
        start,
        timezone,
        settings,
        confirmedAt: now,
        highRisk: booking.noShowRisk.tier === 'high',
      })
    : [];
  const writes: Statement[] = [];
  // Unsent ones for another start, and an unsent extra one the plan no longer has, in one statement.
  if (!hadNone) {
    writes.push([
      `update reminders
        set status = 'cancelled', updated_at = now(),
            reason = case when planned_start <> $2 then 'The booking was rescheduled' else 'The booking is no longer high risk' end
      where status = 'scheduled' and booking_id = $1
        and (planned_start <> $2 or (high_risk_extra and not (offset_minutes = any($3::int[]))))`,
      [booking.id, start, plan.filter((p) => p.extra).map((p) => p.offsetMinutes)],
    ]);
  }
  if (plan.length === 0) return writes;
  // One row per offset and start; a row cancelled by an earlier move away from this start (or
  // out of the high tier) is planned again, one already sent for it is not sent twice.
  writes.push([
    `insert into reminders (tenant_id, booking_id, customer_id, offset_minutes, planned_start, due_at, status, reason, high_risk_extra)
     select $1, $2, $3, p.offset_minutes, $4, p.due_at, p.status, p.reason, p.extra
       from jsonb_to_recordset($5::jsonb) as p(offset_minutes integer, due_at timestamptz, status text, reason text, extra boolean)
     on conflict (tenant_id, booking_id, offset_minutes, planned_start) do update
        set due_at = excluded.due_at, status = excluded.status, reason = excluded.reason,
            high_risk_extra = excluded.high_risk_extra, updated_at = now()
      where reminders.status = 'cancelled'`,
    [
      tenant.id,
      booking.id,
      booking.customer.id,
      start,
      JSON.stringify(
        plan.map((p) =>
          p.status === 'scheduled'
            ? {
                offset_minutes: p.offsetMinutes,
                due_at: p.dueAt.toISOString(),
                status: 'scheduled',
                reason: null,
                extra: p.extra,
              }
            : {
                offset_minutes: p.offsetMinutes,
                due_at: new Date(start.getTime() - p.offsetMinutes * 60_000).toISOString(),
                status: 'skipped',
                reason: 'Confirmed too close to the appointment',
                extra: p.extra,
              },
        ),
      ),
    ],
  ]);
  return writes;
}

/** Cancels the unsent reminders matching `where` (its parameters `params`), giving `reason`. */
export async function cancelUnsentReminders(m: EntityManager, where: string, params: unknown[], reason: string): Promise<void> {
  await m.query(...unsentCancellation(where, params, reason));
}

const unsentCancellation = (where: string, params: unknown[], reason: string): Statement => [
  `update reminders set status = 'cancelled', reason = $${params.length + 1}, updated_at = now()
    where status = 'scheduled' and ${where}`,
  [...params, reason],
];

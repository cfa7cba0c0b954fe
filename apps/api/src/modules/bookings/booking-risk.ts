import type { EntityManager } from 'typeorm';
import { type BookingStatus, type ReminderSettings, type RiskTier, WEEKDAYS, type NoShowRiskView } from '@frontdesk/contracts';
import { noShowRisk, type NoShowRisk } from '@frontdesk/policies';
import { shiftParameters, type Statement } from '../../common/db/statement';
import { planReminderRows } from '../reminders/reminder-rows';

/** The business's own rate counts outcomes of this many days back, once it has this many. */
export const BUSINESS_RATE_DAYS = 180;
export const BUSINESS_RATE_MIN_OUTCOMES = 20;
/** The unconfirmed factor applies from this long before the start. */
export const UNCONFIRMED_FROM_MS = 2 * 3_600_000;

/** Which bookings to score again: these, or every upcoming one of this customer. */
export type RiskTarget = { bookingIds: string[] } | { customerId: string };

interface RiskRow {
  id: string;
  tenantId: string;
  customerId: string;
  status: BookingStatus;
  /** The tier stored before this refresh. */
  storedTier: RiskTier;
  startAt: Date;
  createdAt: Date;
  updatedAt: Date;
  confirmed: boolean;
  reminded: boolean;
  depositHeld: boolean;
  noShows: number;
  lateCancels: number;
  completed: number;
  isodow: number;
  hour: number;
  businessRate: number | null;
  /** The tenant's, for planning the reminders of a booking moved into or out of the high tier. */
  timezone: string;
  reminderSettings: ReminderSettings | null;
}

/*
 * History is the customer's counts now: a booking still active has none of its own outcome in
 * them. Bookings already completed, no-show, cancelled or expired keep the score they had, so the
 * risk-tier breakdown compares what was predicted with what happened.
 */
const riskInputsSql = ({ before = '', source = 'bookings' } = {}) => `
  with ${before} rate as (
    select case when count(*) >= $4 then (count(*) filter (where status = 'no_show'))::float8 / count(*) end as rate
      from bookings
     where status in ('completed', 'no_show') and start_at >= $3::timestamptz - make_interval(days => $5) and start_at < $3
  )
  select b.id, b.tenant_id as "tenantId", b.customer_id as "customerId", b.status, b.risk_tier as "storedTier",
         b.start_at as "startAt", b.created_at as "createdAt", b.updated_at as "updatedAt",
         b.customer_confirmed_at is not null as confirmed,
         exists (select 1 from reminders r where r.tenant_id = b.tenant_id and r.booking_id = b.id and r.status = 'sent') as reminded,
         b.payment_status = 'paid' as "depositHeld",
         c.no_show_count as "noShows", c.late_cancel_count as "lateCancels", c.visit_count as completed,
         extract(isodow from b.start_at at time zone t.timezone)::int as isodow,
         extract(hour from b.start_at at time zone t.timezone)::int as hour,
         rate.rate as "businessRate", t.timezone, t.reminder_settings as "reminderSettings"
    from ${source} b
    join customers c on c.tenant_id = b.tenant_id and c.id = b.customer_id
    join tenants t on t.id = b.tenant_id
    cross join rate
   where (b.id = any($1::uuid[]) or b.customer_id = $2::uuid)
     and b.status in ('held', 'pending_payment', 'confirmed')`;
const RISK_INPUTS_SQL = riskInputsSql();
const RISK_PARAMS = 5;
const riskParams = (ids: string[], customerId: string | null, now: Date) => [
  ids,
  customerId,
  now,
  BUSINESS_RATE_MIN_OUTCOMES,
  BUSINESS_RATE_DAYS,
];

const riskOf = (r: RiskRow, now: Date): NoShowRisk =>
  noShowRisk({
    history: { noShows: r.noShows, lateCancels: r.lateCancels, completed: r.completed },
    businessRate: r.businessRate,
    leadTimeHours: Math.max(0, (r.startAt.getTime() - r.createdAt.getTime()) / 3_600_000),
    unconfirmedAtTwoHours: r.reminded && !r.confirmed && r.startAt.getTime() - now.getTime() <= UNCONFIRMED_FROM_MS,
    depositHeld: r.depositHeld,
    weekday: WEEKDAYS[r.isodow - 1],
    hour: r.hour,
  });

/**
 * Scores the target's active bookings again from what is known now and stores the scores; the
 * one place risk is computed, called when a booking is made and when an input changes (an
 * outcome recorded for the customer, a reminder confirmed, a deposit paid, T−2 h). A confirmed
 * booking moved into or out of the `high` tier gets its reminders planned again (the extra one of
 * high-risk bookings). Runs in the caller's tenant transaction. Returns the new scores by booking id.
 * `storedByCaller`: a booking the caller is about to write anyway, which stores its new score in
 * that same update (and plans its reminders after) rather than in one of its own here.
 */
export async function refreshRisk(
  m: EntityManager,
  target: RiskTarget,
  now: Date,
  { storedByCaller }: { storedByCaller?: string } = {},
): Promise<Map<string, NoShowRiskView>> {
  const ids = 'bookingIds' in target ? target.bookingIds : [];
  const customerId = 'customerId' in target ? target.customerId : null;
  const rows = await m.query<RiskRow[]>(RISK_INPUTS_SQL, riskParams(ids, customerId, now));
  return storeScores(m, rows, now, storedByCaller);
}

/**
 * Inserts a booking and scores it in one statement (`insert`: an `INSERT … RETURNING *` of one
 * booking, and its parameters). Answers the new row's generated columns with its score. A
 * confirmed booking's score is stored at once, as `refreshRisk` stores one (moving into the high
 * tier plans its reminders); a hold's, whose storing plans nothing, comes back `unstored`, for
 * the caller to send with its next write.
 */
export async function insertScored(
  m: EntityManager,
  [insert, params]: Statement,
  customerId: string,
  now: Date,
): Promise<{ id: string; createdAt: Date; updatedAt: Date; risk: NoShowRiskView; unstored?: Statement }> {
  // The insert's parameters follow the scoring's.
  const sql = riskInputsSql({ before: `inserted as (${shiftParameters(insert, RISK_PARAMS)}),`, source: 'inserted' });
  const [row] = await m.query<RiskRow[]>(sql, [...riskParams([], customerId, now), ...params]);
  if (!row) throw new Error('The booking just inserted was not scored');
  const generated = { id: row.id, createdAt: row.createdAt, updatedAt: row.updatedAt };
  if (row.status !== 'confirmed') {
    const risk = riskOf(row, now);
    return { ...generated, risk, unstored: scoresUpdate([{ id: row.id, risk }]) };
  }
  return { ...generated, risk: (await storeScores(m, [row], now)).get(row.id)! };
}

/** One statement storing the scores of any number of bookings. */
const scoresUpdate = (scores: { id: string; risk: NoShowRiskView }[]): Statement => [
  `update bookings b set risk_score = s.score, risk_tier = s.tier, risk_reasons = s.reasons
     from jsonb_to_recordset($1::jsonb) as s(id uuid, score real, tier text, reasons text[])
    where b.id = s.id`,
  [JSON.stringify(scores.map(({ id, risk: { score, tier, reasons } }) => ({ id, score, tier, reasons })))],
];

/**
 * Stores the rows' new scores in one statement, and plans again the reminders of the confirmed
 * bookings moved into or out of the high tier. Planning reads no stored score, so the scores go
 * in one statement with the first booking's reminder writes.
 */
async function storeScores(
  m: EntityManager,
  rows: RiskRow[],
  now: Date,
  storedByCaller?: string,
): Promise<Map<string, NoShowRiskView>> {
  const scored = rows.map((row) => ({ id: row.id, row, risk: riskOf(row, now) }));
  const stored = scored.filter(({ id }) => id !== storedByCaller);
  if (stored.length > 0) {
    const update = scoresUpdate(stored);
    const movedTier = stored.filter(
      ({ row, risk }) => row.status === 'confirmed' && (row.storedTier === 'high') !== (risk.tier === 'high'),
    );
    if (movedTier.length === 0) await m.query(...update);
    for (const [index, { row, risk }] of movedTier.entries()) {
      await planReminderRows(
        m,
        { id: row.tenantId, get: () => Promise.resolve(row) },
        { id: row.id, status: row.status, start: row.startAt, customer: { id: row.customerId }, noShowRisk: risk },
        now,
        { alongside: index === 0 ? [update] : [] },
      );
    }
  }
  return new Map(scored.map(({ id, risk }) => [id, risk]));
}

/** A score as the booking's columns store it. */
export const riskColumns = (risk: NoShowRiskView) => ({ riskScore: risk.score, riskTier: risk.tier, riskReasons: risk.reasons });

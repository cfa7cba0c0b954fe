import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';
import { WEEKDAYS, type BookingSource, type BookingStatus, type WeeklyHours } from '@frontdesk/contracts';
import { noShowRisk, type NoShowRisk } from '@frontdesk/policies';
import { BUSINESS_RATE_DAYS, BUSINESS_RATE_MIN_OUTCOMES } from '../bookings/booking-risk';

/*
 * A few months of made-up history for the demo barbershop, so the analytics and the Insights page
 * have something to show on first start: bookings with outcomes (no-shows concentrated in a few
 * customers), reminders with their delivery and confirmation, deposits paid, refunded and kept,
 * and the conversations that led to bookings. Planned here from a seeded PRNG (the same day gives
 * the same history) and written by `insertDemoHistory` in one statement per table.
 */

export const HISTORY_DAYS_BACK = 150;
export const HISTORY_DAYS_AHEAD = 14;
const SEED = 20_260_101;
const HOUR_MS = 3_600_000;
const QUIET_END_HOUR = 8;
const REMINDER_OFFSETS = [1440, 120];
const CANCELLATION_NOTICE_HOURS = 24;
/** Fractions of the day's working time booked: the past, the next two days, and later days. */
const FILL_PAST = 0.3;
const FILL_NEXT_DAYS = 0.3;
const FILL_LATER = 0.2;

export interface DemoCatalog {
  timezone: string;
  hours: WeeklyHours;
  services: { id: string; name: string; durationMinutes: number; bufferAfterMinutes: number; priceCents: number }[];
  staffIds: string[];
}

/** Deterministic PRNG (mulberry32): the same seed gives the same history. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
    weighted: <T>(items: readonly (readonly [T, number])[]) => {
      let r = next() * items.reduce((sum, [, w]) => sum + w, 0);
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1][0];
    },
    uuid: () =>
      Array.from({ length: 32 }, (_, i) =>
        i === 12 ? '4' : i === 16 ? '89ab'[Math.floor(next() * 4)] : Math.floor(next() * 16).toString(16),
      )
        .join('')
        .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
  };
}
type Rng = ReturnType<typeof prng>;

// No name contains "ana": the browser tests find their own customers by a search for "Ana".
const FIRST_NAMES = [
  'Liam',
  'Noah',
  'Oliver',
  'Elijah',
  'James',
  'William',
  'Benjamin',
  'Lucas',
  'Henry',
  'Theo',
  'Jack',
  'Levi',
  'Mateo',
  'Diego',
  'Carlos',
  'Luis',
  'Javier',
  'Miguel',
  'Andre',
  'Marcus',
  'Tyrone',
  'Darnell',
  'Kevin',
  'Jason',
  'Ethan',
  'Owen',
  'Caleb',
  'Isaac',
  'Samuel',
  'Ryan',
  'Nathan',
  'Aaron',
  'Sofia',
  'Emma',
  'Mia',
  'Olivia',
  'Grace',
  'Lucia',
  'Valeria',
  'Camila',
  'Priya',
  'Aisha',
  'Wei',
  'Hiro',
  'Omar',
  'Yusuf',
  'Tomas',
  'Felix',
] as const;
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Brown',
  'Garcia',
  'Martinez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Thomas',
  'Moore',
  'Jackson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Ortiz',
  'Reyes',
  'Cruz',
  'Kim',
  'Chen',
  'Patel',
  'Okafor',
  'Novak',
] as const;

interface Customer {
  id: string;
  name: string;
  phone: string;
  language: 'en' | 'es';
  channel: 'sms' | 'whatsapp';
  /** How often they book (relative), miss, and cancel late. */
  weight: number;
  missRate: number;
  lateCancelRate: number;
  createdAt: Date;
}

export interface PlannedBooking {
  id: string;
  customerId: string;
  serviceId: string;
  staffId: string;
  status: BookingStatus;
  startAt: Date;
  endAt: Date;
  blockedEnd: Date;
  source: BookingSource;
  createdAt: Date;
  cancelledAt: Date | null;
  lateCancel: boolean;
  cancelReason: string | null;
  customerConfirmedAt: Date | null;
  depositCents: number;
  depositReasons: string[];
  paymentStatus: 'none' | 'paid' | 'refunded';
  risk: NoShowRisk;
}

interface PlannedMessage {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound';
  author: 'customer' | 'bot';
  channel: 'sms' | 'whatsapp';
  body: string;
  status: 'received' | 'sent' | 'delivered' | 'read' | 'failed';
  providerMessageId: string | null;
  lastError: string | null;
  createdAt: Date;
}

export interface DemoHistory {
  customers: Customer[];
  bookings: PlannedBooking[];
  conversations: { id: string; customerId: string; channel: string; bookingId: string | null; createdAt: Date }[];
  messages: PlannedMessage[];
  reminders: {
    id: string;
    bookingId: string;
    customerId: string;
    offsetMinutes: number;
    plannedStart: Date;
    dueAt: Date;
    status: 'scheduled' | 'sent' | 'failed' | 'skipped' | 'cancelled';
    channel: 'sms' | 'whatsapp' | null;
    reason: string | null;
    messageId: string | null;
    sentAt: Date | null;
  }[];
  payments: { id: string; bookingId: string; amountCents: number; paidAt: Date; refundedCents: number; token: string }[];
  refunds: { id: string; paymentId: string; amountCents: number; createdAt: Date; token: string }[];
}

function plannedCustomers(rng: Rng, count: number, from: Date): Customer[] {
  const names = new Set<string>();
  const customers: Customer[] = [];
  while (customers.length < count) {
    const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    if (names.has(name)) continue;
    names.add(name);
    const i = customers.length;
    // Most people come and go as booked; a few miss now and then; a handful miss often.
    const kind = rng.weighted([
      ['reliable', 78],
      ['occasional', 16],
      ['chronic', 6],
    ] as const);
    customers.push({
      id: rng.uuid(),
      name,
      // 555-0100..0199: the numbers set aside for fiction, in two New York area codes.
      phone: `+1${i < 100 ? '212' : '646'}5550${String(100 + (i % 100)).padStart(3, '0')}`,
      language: rng.chance(0.15) ? 'es' : 'en',
      channel: rng.chance(0.3) ? 'whatsapp' : 'sms',
      weight: 1 / (1 + (i % 40)) + 0.05,
      missRate: kind === 'reliable' ? 0.04 : kind === 'occasional' ? 0.25 : 0.6,
      lateCancelRate: kind === 'reliable' ? 0.03 : 0.1,
      // Before their first booking, which can be made up to 45 days ahead of it.
      createdAt: new Date(from.getTime() - rng.int(46, 90) * 24 * HOUR_MS),
    });
  }
  return customers;
}

/** Hours between booking and appointment: mostly within the week, some weeks ahead. */
const leadHours = (rng: Rng) =>
  rng.weighted([
    [rng.int(2, 23), 30],
    [rng.int(24, 7 * 24), 45],
    [rng.int(7 * 24, 30 * 24), 20],
    [rng.int(30 * 24, 45 * 24), 5],
  ] as const);

interface Slot {
  staffId: string;
  service: DemoCatalog['services'][number];
  start: Date;
  /** Local weekday (1 = Monday) and minute of the day. */
  isoWeekday: number;
  minuteOfDay: number;
}

const minutesOf = (time: string) => +time.slice(0, 2) * 60 + +time.slice(3);

/**
 * The appointments themselves: each staff member's working day filled to a fraction, without
 * overlaps. Times within a day are minutes from its local midnight's offset: DST changes at
 * night, never inside business hours.
 */
function plannedSlots(rng: Rng, catalog: DemoCatalog, now: Date): Slot[] {
  const slots: Slot[] = [];
  const today = DateTime.fromJSDate(now).setZone(catalog.timezone).startOf('day');
  const weights = catalog.services.map((s, i) => [s, [6, 2, 1, 3][i] ?? 1] as const);
  for (let offset = -HISTORY_DAYS_BACK; offset <= HISTORY_DAYS_AHEAD; offset++) {
    const day = today.plus({ days: offset });
    const weekday = WEEKDAYS[day.weekday - 1];
    // Ahead, only the next two days and Fridays and Saturdays carry bookings: midweek days stay
    // free to book in a demo (the browser tests book there too).
    if (offset >= 2 && weekday !== 'fri' && weekday !== 'sat') continue;
    const fill = offset < 0 ? FILL_PAST : offset < 2 ? FILL_NEXT_DAYS : FILL_LATER;
    const noon = day.set({ hour: 12 });
    const midnight = noon.toMillis() - 12 * HOUR_MS;
    for (const staffId of catalog.staffIds) {
      for (const interval of catalog.hours[weekday]) {
        let cursor = minutesOf(interval.start);
        const end = minutesOf(interval.end);
        while (cursor < end) {
          const service = rng.weighted(weights);
          const occupied = service.durationMinutes + service.bufferAfterMinutes;
          if (cursor + occupied > end) break;
          if (rng.chance(fill)) {
            const start = new Date(midnight + cursor * 60_000);
            slots.push({ staffId, service, start, isoWeekday: day.weekday, minuteOfDay: cursor });
            // The next one starts on the quarter hour after this one and its buffer.
            cursor = Math.ceil((cursor + occupied) / 15) * 15;
          } else cursor += 30;
        }
      }
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Formats local times for the messages (one formatter per language, made once). */
function formatters(timeZone: string) {
  const en = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
  const es = new Intl.DateTimeFormat('es', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (language: 'en' | 'es', at: Date) => (language === 'es' ? es : en).format(at);
}

const reminderText = (c: Customer, service: string, when: string) =>
  c.language === 'es'
    ? `Hola ${c.name.split(' ')[0]}, te recordamos tu cita de ${service} en Demo Barbershop el ${when}. Responde C para confirmar, R para cambiarla o X para cancelar.`
    : `Hi ${c.name.split(' ')[0]}, a reminder of your ${service} at Demo Barbershop on ${when}. Reply C to confirm, R to reschedule or X to cancel.`;

/** How many of the ascending `times` lie before `t`. */
function countBefore(times: number[], t: number): number {
  let [lo, hi] = [0, times.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The demo's history as of `now`: the same `now` (day) always gives the same rows. */
export function planDemoHistory(catalog: DemoCatalog, now: Date): DemoHistory {
  const rng = prng(SEED);
  const format = formatters(catalog.timezone);
  const from = new Date(now.getTime() - HISTORY_DAYS_BACK * 24 * HOUR_MS);
  const customers = plannedCustomers(rng, 160, from);
  const history: DemoHistory = {
    customers,
    bookings: [],
    conversations: [],
    messages: [],
    reminders: [],
    payments: [],
    refunds: [],
  };
  const conversationOf = new Map<string, DemoHistory['conversations'][number]>();
  const conversation = (c: Customer, at: Date) => {
    let found = conversationOf.get(c.id);
    if (!found) {
      found = { id: rng.uuid(), customerId: c.id, channel: c.channel, bookingId: null, createdAt: at };
      conversationOf.set(c.id, found);
      history.conversations.push(found);
    }
    if (at < found.createdAt) found.createdAt = at;
    return found;
  };
  const message = (c: Customer, direction: 'inbound' | 'outbound', body: string, at: Date, status?: PlannedMessage['status']) => {
    const m: PlannedMessage = {
      id: rng.uuid(),
      conversationId: conversation(c, at).id,
      direction,
      author: direction === 'inbound' ? 'customer' : 'bot',
      channel: c.channel,
      body,
      status: status ?? (direction === 'inbound' ? 'received' : 'delivered'),
      providerMessageId: `demo_${c.channel}_${rng.uuid().replace(/-/g, '')}`,
      lastError: status === 'failed' ? 'Delivery failed (demo)' : null,
      createdAt: at,
    };
    history.messages.push(m);
    return m;
  };
  // Outcomes in start order (the slots come sorted): their times and a running no-show count.
  const outcomeTimes: number[] = [];
  const noShowsUpTo: number[] = [0];
  const ownOutcomes = new Map<string, { startAt: Date; noShow: boolean }[]>();
  const ownLateCancels = new Map<string, Date[]>();
  const pickWeights = customers.map((c) => [c, c.weight] as const);

  for (const slot of plannedSlots(rng, catalog, now)) {
    const c = rng.weighted(pickWeights);
    const startAt = slot.start;
    const endAt = new Date(startAt.getTime() + slot.service.durationMinutes * 60_000);
    const when = format(c.language, startAt);
    const blockedEnd = new Date(endAt.getTime() + slot.service.bufferAfterMinutes * 60_000);
    const lead = leadHours(rng);
    const createdAt = new Date(Math.min(startAt.getTime() - lead * HOUR_MS, now.getTime() - rng.int(1, 600) * 60_000));
    const source = rng.weighted([
      ['admin', 30],
      ['web', 25],
      [c.channel, 30],
      ['chat', 15],
    ] as const) as BookingSource;

    // What was known when it was booked: the customer's outcomes and the business's rate.
    const own = (ownOutcomes.get(c.id) ?? []).filter((o) => o.startAt < createdAt);
    const ownNoShows = own.filter((o) => o.noShow).length;
    const lateCancelsBefore = (ownLateCancels.get(c.id) ?? []).filter((at) => at < createdAt).length;
    const recentFrom = countBefore(outcomeTimes, createdAt.getTime() - BUSINESS_RATE_DAYS * 24 * HOUR_MS);
    const recentTo = countBefore(outcomeTimes, createdAt.getTime());
    const recent = recentTo - recentFrom;
    // Customers who have missed before are asked for a deposit, as a business would.
    const deposit = ownNoShows >= 2 || (slot.isoWeekday === 6 && rng.chance(0.08));
    const depositCents = deposit ? Math.round(slot.service.priceCents / 2) : 0;
    const risk = noShowRisk({
      history: { noShows: ownNoShows, lateCancels: lateCancelsBefore, completed: own.length - ownNoShows },
      businessRate: recent >= BUSINESS_RATE_MIN_OUTCOMES ? (noShowsUpTo[recentTo] - noShowsUpTo[recentFrom]) / recent : null,
      leadTimeHours: (startAt.getTime() - createdAt.getTime()) / HOUR_MS,
      unconfirmedAtTwoHours: false,
      depositHeld: deposit,
      weekday: WEEKDAYS[slot.isoWeekday - 1],
      hour: Math.floor(slot.minuteOfDay / 60),
    });

    // What happened: cancelled (in time or late), missed, or kept; bookings still ahead are confirmed.
    const confirmsReply = rng.chance(c.missRate > 0.3 ? 0.25 : 0.6);
    const cancelsLate = rng.chance(c.lateCancelRate);
    const cancelsEarly = !cancelsLate && rng.chance(0.05);
    const missFactor = (lead > 7 * 24 ? 1.5 : lead < 24 ? 0.6 : 1) * (confirmsReply ? 0.5 : 1) * (deposit ? 0.5 : 1);
    let status: BookingStatus;
    let cancelledAt: Date | null = null;
    if (cancelsLate || cancelsEarly) {
      const before = cancelsLate ? rng.int(1, CANCELLATION_NOTICE_HOURS - 1) : rng.int(CANCELLATION_NOTICE_HOURS + 1, 96);
      cancelledAt = new Date(Math.max(createdAt.getTime() + 60_000, startAt.getTime() - before * HOUR_MS));
    }
    if (cancelledAt && cancelledAt < now) status = 'cancelled';
    else {
      cancelledAt = null;
      // Confirmed bookings become completed a day after their end (the outcome sweeper's rule).
      if (endAt.getTime() > now.getTime() - 24 * HOUR_MS) status = 'confirmed';
      else status = rng.chance(c.missRate * missFactor) ? 'no_show' : 'completed';
    }
    const lateCancel = status === 'cancelled' && cancelledAt!.getTime() > startAt.getTime() - CANCELLATION_NOTICE_HOURS * HOUR_MS;
    if (status === 'completed' || status === 'no_show') {
      outcomeTimes.push(startAt.getTime());
      noShowsUpTo.push(noShowsUpTo[noShowsUpTo.length - 1] + (status === 'no_show' ? 1 : 0));
      ownOutcomes.set(c.id, [...(ownOutcomes.get(c.id) ?? []), { startAt, noShow: status === 'no_show' }]);
    }
    if (lateCancel) ownLateCancels.set(c.id, [...(ownLateCancels.get(c.id) ?? []), cancelledAt!]);

    const booking: PlannedBooking = {
      id: rng.uuid(),
      customerId: c.id,
      serviceId: slot.service.id,
      staffId: slot.staffId,
      status,
      startAt,
      endAt,
      blockedEnd,
      source,
      createdAt,
      cancelledAt,
      lateCancel,
      cancelReason: status === 'cancelled' ? rng.pick(['Something came up', 'Feeling unwell', 'Work', null]) : null,
      customerConfirmedAt: null,
      depositCents,
      depositReasons: deposit ? [ownNoShows >= 2 ? 'repeat_no_show' : 'weekend'] : [],
      paymentStatus: deposit ? 'paid' : 'none',
      risk,
    };
    history.bookings.push(booking);

    if (deposit) {
      const payment = {
        id: rng.uuid(),
        bookingId: booking.id,
        amountCents: depositCents,
        paidAt: new Date(createdAt.getTime() + rng.int(2, 20) * 60_000),
        refundedCents: 0,
        token: rng.uuid().replace(/-/g, ''),
      };
      history.payments.push(payment);
      // A timely cancel is refunded; a late cancel or a no-show keeps the deposit.
      if (status === 'cancelled' && !lateCancel) {
        payment.refundedCents = depositCents;
        booking.paymentStatus = 'refunded';
        history.refunds.push({
          id: rng.uuid(),
          paymentId: payment.id,
          amountCents: depositCents,
          createdAt: new Date(cancelledAt!.getTime() + 60_000),
          token: rng.uuid().replace(/-/g, ''),
        });
      }
    }

    // A booking made by message: the conversation that led to it.
    if (source === 'sms' || source === 'whatsapp' || source === 'chat') {
      const say = (minutes: number) => new Date(createdAt.getTime() - minutes * 60_000);
      const es = c.language === 'es';
      message(
        c,
        'inbound',
        es ? `Hola, ¿tienen hueco para ${slot.service.name}?` : `Hi, any time for a ${slot.service.name}?`,
        say(4),
      );
      message(c, 'outbound', es ? `Sí: ${when}. ¿Te lo reservo?` : `Yes: ${when}. Shall I book it?`, say(3));
      message(c, 'inbound', es ? 'Sí, gracias' : 'Yes please', say(2));
      message(c, 'outbound', es ? `Listo, reservado para ${when}.` : `Done, you're booked for ${when}.`, say(1));
      conversation(c, say(4)).bookingId = booking.id;
    }

    // Its reminders: sent when due (or at once when booked late), confirmed by some customers.
    for (const offsetMinutes of REMINDER_OFFSETS) {
      // Due inside the night's quiet hours: moved to their end.
      const dueMinute = (((slot.minuteOfDay - offsetMinutes) % 1440) + 1440) % 1440;
      const quietShift = dueMinute < QUIET_END_HOUR * 60 ? QUIET_END_HOUR * 60 - dueMinute : 0;
      let dueAt = new Date(startAt.getTime() - (offsetMinutes - quietShift) * 60_000);
      const reminder: DemoHistory['reminders'][number] = {
        id: rng.uuid(),
        bookingId: booking.id,
        customerId: c.id,
        offsetMinutes,
        plannedStart: startAt,
        dueAt,
        status: 'scheduled',
        channel: null,
        reason: null,
        messageId: null,
        sentAt: null,
      };
      history.reminders.push(reminder);
      if (dueAt < createdAt) {
        if (startAt.getTime() - createdAt.getTime() < (offsetMinutes * 60_000) / 2) {
          reminder.status = 'skipped';
          reminder.reason = 'booked too close to the start';
          continue;
        }
        dueAt = new Date(createdAt.getTime() + 60_000);
        reminder.dueAt = dueAt;
      }
      if (cancelledAt && dueAt >= cancelledAt) {
        reminder.status = 'cancelled';
        continue;
      }
      if (dueAt >= now) continue;
      const failed = rng.chance(0.04);
      const sent = message(
        c,
        'outbound',
        reminderText(c, slot.service.name, when),
        dueAt,
        failed ? 'failed' : c.channel === 'whatsapp' && rng.chance(0.6) ? 'read' : 'delivered',
      );
      Object.assign(reminder, { status: failed ? 'failed' : 'sent', channel: c.channel, messageId: sent.id, sentAt: dueAt });
      if (failed) reminder.reason = 'Delivery failed (demo)';
      else if (!booking.customerConfirmedAt && confirmsReply && status !== 'cancelled') {
        const repliedAt = new Date(dueAt.getTime() + rng.int(2, 90) * 60_000);
        if (repliedAt < now && repliedAt < startAt) {
          message(c, 'inbound', 'C', repliedAt);
          message(
            c,
            'outbound',
            c.language === 'es' ? '¡Gracias! Cita confirmada.' : 'Thanks! Your appointment is confirmed.',
            repliedAt,
          );
          booking.customerConfirmedAt = repliedAt;
        }
      }
    }
  }

  // Some people only asked and never booked (part of the conversion rate).
  for (const c of customers.filter((c) => !history.bookings.some((b) => b.customerId === c.id)).slice(0, 20)) {
    const at = new Date(from.getTime() + rng.next() * (now.getTime() - from.getTime()));
    message(c, 'inbound', c.language === 'es' ? '¿Cuánto cuesta un corte?' : 'How much is a haircut?', at);
    message(
      c,
      'outbound',
      c.language === 'es' ? 'Un corte cuesta $30. ¿Quieres reservar?' : 'A haircut is $30. Would you like to book?',
      new Date(at.getTime() + 60_000),
    );
  }
  history.messages.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return history;
}

const json = (rows: unknown[]) => JSON.stringify(rows);

/**
 * Writes the planned history for the tenant, one statement per table (rows go as a JSON array),
 * and sets each customer's counts from the bookings just written. Runs in the seed's transaction
 * on the owner's connection.
 */
export async function insertDemoHistory(m: EntityManager, tenantId: string, h: DemoHistory): Promise<void> {
  await m.query(
    `insert into customers (id, tenant_id, name, phone, language, created_at, updated_at)
     select id, $1, name, phone, language, "createdAt", "createdAt"
       from jsonb_to_recordset($2::jsonb) as r(id uuid, name text, phone text, language text, "createdAt" timestamptz)`,
    [tenantId, json(h.customers)],
  );
  await m.query(
    `insert into bookings (id, tenant_id, service_id, staff_id, customer_id, status, start_at, end_at, blocked, source,
                           deposit_cents, payment_status, deposit_reasons, cancel_reason, cancelled_at, late_cancel,
                           customer_confirmed_at, risk_score, risk_tier, risk_reasons, created_at, updated_at)
     select id, $1, "serviceId", "staffId", "customerId", status, "startAt", "endAt", tstzrange("startAt", "blockedEnd", '[)'), source,
            "depositCents", "paymentStatus", array(select jsonb_array_elements_text("depositReasons")), "cancelReason",
            "cancelledAt", "lateCancel", "customerConfirmedAt", (risk->>'score')::real, risk->>'tier',
            array(select jsonb_array_elements_text(risk->'reasons')), "createdAt", coalesce("cancelledAt", "createdAt")
       from jsonb_to_recordset($2::jsonb) as r(id uuid, "serviceId" uuid, "staffId" uuid, "customerId" uuid, status text,
            "startAt" timestamptz, "endAt" timestamptz, "blockedEnd" timestamptz, source text, "depositCents" int,
            "paymentStatus" text, "depositReasons" jsonb, "cancelReason" text, "cancelledAt" timestamptz,
            "lateCancel" boolean, "customerConfirmedAt" timestamptz, risk jsonb, "createdAt" timestamptz)`,
    [tenantId, json(h.bookings)],
  );
  await m.query(
    `insert into conversations (id, tenant_id, customer_id, channel, booking_id, created_at, updated_at)
     select id, $1, "customerId", channel, "bookingId", "createdAt", "createdAt"
       from jsonb_to_recordset($2::jsonb) as r(id uuid, "customerId" uuid, channel text, "bookingId" uuid, "createdAt" timestamptz)`,
    [tenantId, json(h.conversations)],
  );
  await m.query(
    `insert into messages (id, tenant_id, conversation_id, direction, author, channel, body, status, provider_message_id,
                           last_error, attempts, created_at, updated_at)
     select id, $1, "conversationId", direction, author, channel, body, status, "providerMessageId", "lastError",
            case when direction = 'outbound' then 1 else 0 end, "createdAt", "createdAt"
       from jsonb_array_elements($2::jsonb) with ordinality as e(doc, n), jsonb_to_record(e.doc) as r(id uuid, "conversationId" uuid, direction text, author text,
            channel text, body text, status text, "providerMessageId" text, "lastError" text, "createdAt" timestamptz)
      order by n`,
    [tenantId, json(h.messages)],
  );
  await m.query(
    `update conversations c set last_message_at = l.created_at, last_message_preview = left(l.body, 120)
       from (select distinct on (conversation_id) conversation_id, created_at, body from messages
              where tenant_id = $1 order by conversation_id, seq desc) l
      where c.tenant_id = $1 and c.id = l.conversation_id`,
    [tenantId],
  );
  await m.query(
    `insert into reminders (id, tenant_id, booking_id, customer_id, offset_minutes, planned_start, due_at, status, channel,
                            reason, message_id, sent_at, created_at, updated_at)
     select r.id, $1, "bookingId", "customerId", "offsetMinutes", "plannedStart", "dueAt", r.status, r.channel, reason,
            "messageId", "sentAt", b.created_at, coalesce("sentAt", b.created_at)
       from jsonb_to_recordset($2::jsonb) as r(id uuid, "bookingId" uuid, "customerId" uuid, "offsetMinutes" int,
            "plannedStart" timestamptz, "dueAt" timestamptz, status text, channel text, reason text, "messageId" uuid,
            "sentAt" timestamptz)
       join bookings b on b.id = r."bookingId"`,
    [tenantId, json(h.reminders)],
  );
  await m.query(
    `insert into payments (id, tenant_id, booking_id, checkout_session_id, payment_intent_id, checkout_url, amount_cents,
                           currency, status, refunded_cents, expires_at, paid_at, closed_at, created_at, updated_at)
     select id, $1, "bookingId", 'cs_demo_' || token, 'pi_demo_' || token, 'https://checkout.stripe.com/c/pay/cs_demo_' || token,
            "amountCents", 'usd', 'paid', "refundedCents", "paidAt" + interval '30 minutes', "paidAt", "paidAt",
            "paidAt" - interval '2 minutes', "paidAt"
       from jsonb_to_recordset($2::jsonb) as r(id uuid, "bookingId" uuid, "amountCents" int, "paidAt" timestamptz,
            "refundedCents" int, token text)`,
    [tenantId, json(h.payments)],
  );
  await m.query(
    `insert into refunds (id, tenant_id, payment_id, stripe_refund_id, amount_cents, reason, created_at)
     select id, $1, "paymentId", 're_demo_' || token, "amountCents", 'timely_cancel', "createdAt"
       from jsonb_to_recordset($2::jsonb) as r(id uuid, "paymentId" uuid, "amountCents" int, "createdAt" timestamptz, token text)`,
    [tenantId, json(h.refunds)],
  );
  // The counts are what the bookings say, as the status changes would have kept them.
  await m.query(
    `update customers c set visit_count = n.completed, no_show_count = n.no_shows, cancellation_count = n.cancelled,
            late_cancel_count = n.late
       from (select customer_id,
                    count(*) filter (where status = 'completed')::int as completed,
                    count(*) filter (where status = 'no_show')::int as no_shows,
                    count(*) filter (where status = 'cancelled')::int as cancelled,
                    count(*) filter (where late_cancel)::int as late
               from bookings where tenant_id = $1 group by customer_id) n
      where c.tenant_id = $1 and c.id = n.customer_id`,
    [tenantId],
  );
}

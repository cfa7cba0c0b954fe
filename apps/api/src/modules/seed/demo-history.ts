import { DateTime } from 'luxon';
import { WEEKDAYS, type BookingSource, type BookingStatus, type WeeklyHours } from '@frontdesk/contracts';
import { noShowRisk, type NoShowRisk } from '@frontdesk/policies';
import { type Customer, plannedCustomers, prng, type Rng } from './demo-customers';
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
    const source = rng.weighted<BookingSource>([
      ['admin', 30],
      ['web', 25],
      [c.channel, 30],
      ['chat', 15],
    ]);

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

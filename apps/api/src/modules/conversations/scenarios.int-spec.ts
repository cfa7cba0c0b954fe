import { DateTime } from 'luxon';
import type { ChatResponse } from '@frontdesk/contracts';
import { ZONE } from '../../../../../test/booking-fixtures';
import { type Barbershop, barbershop, bookingsOfPhone, chatAs, type WeekdayKey } from '../../../../../test/chat-fixtures';
import { TestApp } from '../../../../../test/harness';
import { FixedClock } from '../../common/clock';
import { ENGLISH_SCENARIOS } from './scenarios/english';
import { type Booked, type Check, CLOSED_OFFSET, type Given, NOW, type Scenario } from './scenarios/scenario';
import { SPANISH_SCENARIOS } from './scenarios/spanish';

/** Realistic conversations with the front desk, English and Spanish (how they are written: scenarios/scenario.ts). */
const SCENARIOS: Scenario[] = [...ENGLISH_SCENARIOS, ...SPANISH_SCENARIOS];

// ---------------- the runner ----------------

interface Clock {
  today: DateTime;
  closedDay: WeekdayKey;
}

const WEEKDAY_KEYS: WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function clock(): Clock {
  const today = DateTime.fromJSDate(NOW, { zone: ZONE }).startOf('day');
  return { today, closedDay: WEEKDAY_KEYS[today.plus({ days: CLOSED_OFFSET }).weekday - 1] };
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** Expands `{+N}`, `{+N:format}`, `{+N:format:es}`, `{+N:ord}` and `{closed…}`. */
function fill(template: string, c: Clock): string {
  return template.replace(/\{(\+\d+|closed)(?::([^}:]+))?(?::(es))?\}/g, (_, offset: string, format?: string, es?: string) => {
    const days = offset === 'closed' ? CLOSED_OFFSET : Number(offset.slice(1));
    const day = c.today.plus({ days }).setLocale(es ? 'es-ES' : 'en-US');
    if (!format) return day.toISODate()!;
    if (format === 'ord') return ordinal(day.day);
    return day.toFormat(format);
  });
}

const localOf = (instant: Date | string) => DateTime.fromJSDate(new Date(instant), { zone: ZONE });

function expectAnswer(answer: ChatResponse, check: Check, c: Clock, where: string): void {
  const text = answer.replies.map((r) => r.text).join('\n');
  const context = `${where}: ${JSON.stringify({ state: answer.state, awaiting: answer.awaiting, replies: answer.replies })}`;
  if (check.state !== undefined) expect({ context, state: answer.state }).toEqual({ context, state: check.state });
  if (check.awaiting !== undefined) expect({ context, awaiting: answer.awaiting }).toEqual({ context, awaiting: check.awaiting });
  if (check.reply !== undefined) {
    const pattern = typeof check.reply === 'string' ? new RegExp(escape(fill(check.reply, c)), 'i') : check.reply;
    expect({ context, matches: pattern.test(text) }).toEqual({ context, matches: true });
  }
  if (check.notReply) expect({ context, matches: check.notReply.test(text) }).toEqual({ context, matches: false });
  if (check.options !== undefined) {
    expect({ context, options: answer.replies.flatMap((r) => r.options ?? []).length }).toEqual({
      context,
      options: check.options,
    });
  }
  if (check.silent) expect({ context, replies: answer.replies.length }).toEqual({ context, replies: 0 });
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The customer's bookings in the table, released holds left out, against what the scenario expects. */
async function expectBookings(t: TestApp, phone: string, bookings: Booked[], earliestBefore: Map<string, string>, c: Clock) {
  const rows = (await bookingsOfPhone(t, phone)).filter((r) => r.status !== 'expired');
  const actual = rows.map((r) => ({
    service: r.service,
    status: r.status,
    date: localOf(r.start_at).toISODate(),
    time: localOf(r.start_at).toFormat('HH:mm'),
    staff: r.staff.split(' ')[0],
  }));
  const expected = bookings.map((e, i) => {
    const got = actual[i];
    let date: unknown;
    let time: unknown;
    if (e.at === 'earliest') {
      const first = localOf(earliestBefore.get(e.service)!);
      [date, time] = [first.toISODate(), first.toFormat('HH:mm')];
    } else if (e.at === '{nextweek}') {
      const monday = c.today.startOf('week').plus({ weeks: 1 });
      const inNextWeek =
        got !== undefined && got.date! >= monday.toISODate()! && got.date! <= monday.plus({ days: 6 }).toISODate()!;
      [date, time] = [inNextWeek ? got.date : `between ${monday.toISODate()} and the Sunday after`, got?.time];
    } else {
      const [day, exact] = fill(e.at, c).split(' ');
      date = day;
      if (exact) time = exact;
      else if (!e.between) time = got?.time;
      else time = got && got.time >= e.between[0] && got.time < e.between[1] ? got.time : `in [${e.between.join(', ')})`;
    }
    return { service: e.service, status: e.status ?? 'confirmed', date, time, staff: e.staff ?? got?.staff };
  });
  expect(actual).toEqual(expected);
}

interface CustomerFacts {
  flagged?: boolean;
  optedOut?: boolean;
  name?: string;
}

/** What the scenario says about the customer record and the conversation, where it says anything. */
async function expectCustomer(t: TestApp, phone: string, wanted: CustomerFacts) {
  const [row] = await t.sql<Required<CustomerFacts>>(
    `select c.name, c.opted_out as "optedOut", cv.flagged_for_staff as flagged
       from customers c left join conversations cv on cv.customer_id = c.id where c.phone = $1`,
    [phone],
  );
  const keys = (Object.keys(wanted) as (keyof CustomerFacts)[]).filter((k) => wanted[k] !== undefined);
  expect(Object.fromEntries(keys.map((k) => [k, row[k]]))).toEqual(Object.fromEntries(keys.map((k) => [k, wanted[k]])));
}

describe('chat scenarios: realistic conversations, English and Spanish', () => {
  let t: TestApp;
  let phones = 0;

  beforeAll(async () => {
    t = await TestApp.start({}, undefined, new FixedClock(NOW));
  });
  afterAll(() => t.close());

  async function book(shop: Barbershop, given: Given, c: Clock, customer: { name: string; phone: string }, staffId?: string) {
    const [date, time] = fill(given.at, c).split(' ');
    const res = await t.request('POST', `/api/v1/public/${shop.tenant.slug}/bookings`, {
      body: {
        serviceId: shop.services[given.service],
        start: shop.at(date, time),
        staffId: staffId ?? (given.staff ? shop.staff[given.staff] : undefined),
        customer,
      },
    });
    if (res.status !== 201) throw new Error(`given booking failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async function earliest(shop: Barbershop, service: string, c: Clock): Promise<string> {
    const res = await t.request(
      'GET',
      `/api/v1/public/${shop.tenant.slug}/availability?serviceId=${shop.services[service]}&from=${c.today.toISODate()}&to=${c.today.plus({ days: 7 }).toISODate()}`,
    );
    return res.body.slots[0].start as string;
  }

  it.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
    const c = clock();
    const shop = await barbershop(t, c.closedDay);
    const phone = `+1212556${String(1000 + phones++)}`;
    for (const at of scenario.given?.taken ?? []) {
      for (const staffId of Object.values(shop.staff)) {
        await book(
          shop,
          { service: 'Haircut', at },
          c,
          { name: 'Someone Else', phone: `+1212557${String(1000 + phones++)}` },
          staffId,
        );
      }
    }
    for (const holiday of scenario.given?.holidays ?? []) {
      const res = await t.request('POST', '/api/v1/overrides', {
        token: shop.ownerToken,
        body: { date: fill(holiday, c), kind: 'closed', staffId: null, note: 'Holiday' },
      });
      if (res.status !== 201) throw new Error(`holiday override failed: ${res.status} ${JSON.stringify(res.body)}`);
    }
    for (const given of scenario.given?.mine ?? []) {
      await book(shop, given, c, { name: scenario.given?.customerName ?? 'Sam Rivers', phone });
    }
    const earliestBefore = new Map<string, string>();
    for (const expected of scenario.bookings) {
      if (expected.at === 'earliest') earliestBefore.set(expected.service, await earliest(shop, expected.service, c));
    }

    let answer: ChatResponse | undefined;
    for (const [i, turn] of scenario.turns.entries()) {
      const { say, ...check } = typeof turn === 'string' ? { say: turn } : turn;
      const text = fill(say, c);
      answer = await chatAs(t, shop, phone, text);
      expectAnswer(answer, check, c, `turn ${i + 1} "${text}"`);
    }

    const { flagged, optedOut, name, ...endCheck } = scenario.end ?? {};
    expectAnswer(answer!, { state: 'IDLE', ...endCheck }, c, 'the end');

    await expectBookings(t, phone, scenario.bookings, earliestBefore, c);
    await expectCustomer(t, phone, { flagged, optedOut, name });
  });
});

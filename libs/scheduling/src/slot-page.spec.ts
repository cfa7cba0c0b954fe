import { computeSlotPage, SLOT_PAGE_LIMITS, SlotPageBuilder, SlotPages } from './slot-page';
import { computeSlots, type Slot, type SlotQuery, slotsByDay } from './slots';
import { isoStarts, query, week } from './test-fixtures';

const ALL_DAY = week(Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '23:59']]])));
const staff = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${String(i).padStart(3, '0')}`, hours: null }));
const dateOf = (slot: Slot) => slot.start.toISOString().slice(0, 10);
const dates = (slots: readonly Slot[]) => [...new Set(slots.map(dateOf))];

/** 31 days from 2026-03-10, open 00:00–23:59, five-minute grid and service: 287 slots a day. */
const busyMonth = (overrides: Partial<SlotQuery> = {}): SlotQuery =>
  query({
    from: '2026-03-10',
    to: '2026-04-09',
    businessHours: ALL_DAY,
    policy: { ...query().policy, slotIntervalMinutes: 5 },
    service: { ...query().service, durationMinutes: 5 },
    ...overrides,
  });

/** Every page of a query, following `nextFrom` until it is null. */
function allPages(q: SlotQuery) {
  const pages = [];
  for (let from: string | null = q.from; from !== null;) {
    const page = computeSlotPage({ ...q, from });
    pages.push(page);
    if (page.nextFrom !== null) expect(page.nextFrom > from).toBe(true);
    from = page.nextFrom;
  }
  return pages;
}

describe('computeSlotPage', () => {
  it('answers everything with nextFrom null when the range fits', () => {
    const q = query({ from: '2026-03-10', to: '2026-03-16' });
    const page = computeSlotPage(q);
    expect(page.nextFrom).toBeNull();
    expect(isoStarts(page.slots)).toEqual(isoStarts(computeSlots(q)));
    expect(page.slots).toHaveLength(7 * 8);
  });

  it('stops after the last whole day within 1,000 slots and names the next day', () => {
    const q = busyMonth();
    const page = computeSlotPage(q);
    // 287 a day: three days are 861, a fourth would be 1,148.
    expect(page.slots).toHaveLength(861);
    expect(dates(page.slots)).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
    expect(page.nextFrom).toBe('2026-03-13');
    // No day is cut: the last one is exactly what asking for that day alone gives.
    const lastDay = computeSlots({ ...q, from: '2026-03-12', to: '2026-03-12' });
    expect(isoStarts(page.slots.filter((s) => dateOf(s) === '2026-03-12'))).toEqual(isoStarts(lastDay));
  });

  it('stops early when the staff ids of the slots would pass their limit', () => {
    // 30 staff on a 09:00–17:00, hourly grid: 8 slots a day listing 30 ids each, 240 ids a day.
    const q = query({ from: '2026-03-01', to: '2026-12-31', staff: staff(30) });
    const page = computeSlotPage(q, { slots: 1000, staffIds: 2000 });
    expect(page.slots).toHaveLength(8 * 8);
    expect(page.nextFrom).toBe('2026-03-09');
    expect(SLOT_PAGE_LIMITS).toEqual({ slots: 1000, staffIds: 20_000 });
  });

  it('following nextFrom gives exactly the slots of the whole range, day by day', () => {
    const q = busyMonth({
      staff: staff(3),
      bookings: [
        { staffId: 's001', blockedStart: new Date('2026-03-12T23:50:00Z'), blockedEnd: new Date('2026-03-13T00:20:00Z') },
      ],
      overrides: [{ date: '2026-03-20', kind: 'closed', start: null, end: null, staffId: null }],
    });
    const pages = allPages(q);
    expect(pages.length).toBeGreaterThan(8);
    expect(pages.at(-1)!.nextFrom).toBeNull();
    const followed = pages.flatMap((p) => p.slots);
    expect(followed.map((s) => [s.start.toISOString(), s.staffIds])).toEqual(
      computeSlots(q).map((s) => [s.start.toISOString(), s.staffIds]),
    );
    for (const page of pages) expect(page.slots.length).toBeLessThanOrEqual(1000);
  });

  it.each([
    ['the first day', '2026-03-10', '2026-03-11'],
    ['a day after empty ones', '2026-03-08', '2026-03-11'],
  ])('answers a single day holding more than the cap whole when it is %s, so asking again moves on', (_name, from, next) => {
    // A one-minute grid all day long: 1,439 slots on each open date; 03-08 and 03-09 are closed.
    const q = busyMonth({
      from,
      policy: { ...query().policy, slotIntervalMinutes: 1 },
      service: { ...query().service, durationMinutes: 1 },
      overrides: ['2026-03-08', '2026-03-09'].map((date) => ({ date, kind: 'closed', start: null, end: null, staffId: null })),
    });
    const page = computeSlotPage(q);
    expect(page.slots).toHaveLength(1439);
    expect(dates(page.slots)).toEqual(['2026-03-10']);
    expect(page.nextFrom).toBe(next);
  });

  it('names no next date when the rest of the range is past the booking window', () => {
    const q = busyMonth({ policy: { ...busyMonth().policy, maxAdvanceDays: 10 }, now: new Date('2026-03-01T00:00:00Z') });
    // Today is 03-01: 03-10 and 03-11 are the only bookable dates of the range.
    const page = computeSlotPage(q);
    expect(dates(page.slots)).toEqual(['2026-03-10', '2026-03-11']);
    expect(page.nextFrom).toBeNull();
  });
});

describe('SlotPages', () => {
  it('carries on from each nextFrom with the same answers as asking from it afresh', () => {
    const q = busyMonth({ staff: staff(2), to: '2026-03-20' });
    const pages = new SlotPages(q);
    const carried = [];
    for (let page = pages.next(); ; page = pages.next()) {
      carried.push(page);
      if (page.nextFrom === null) break;
    }
    const afresh = allPages(q);
    expect(carried.map((p) => [isoStarts(p.slots), p.nextFrom])).toEqual(afresh.map((p) => [isoStarts(p.slots), p.nextFrom]));
    expect(pages.next()).toEqual({ slots: [], nextFrom: null });
  });
});

describe('slotsByDay', () => {
  it('yields each local date in order, empty ones included, and computes no further than asked', () => {
    const q = query({
      from: '2026-03-10',
      to: '2026-03-13',
      overrides: [{ date: '2026-03-11', kind: 'closed', start: null, end: null, staffId: null }],
    });
    const days = slotsByDay(q);
    expect(days.next().value).toMatchObject({ date: '2026-03-10', slots: expect.any(Array) });
    expect(days.next().value).toEqual({ date: '2026-03-11', slots: [] });
    expect([...days].map((d) => [d.date, d.slots.length])).toEqual([
      ['2026-03-12', 8],
      ['2026-03-13', 8],
    ]);
  });
});

describe('SlotPageBuilder', () => {
  const day = (date: string, count: number, ids = 1) => ({
    date,
    slots: Array.from({ length: count }, () => ({ staffIds: Array.from({ length: ids }, (_, i) => `s${i}`) })),
  });

  it.each([
    ['all fit', [day('d1', 4), day('d2', 6)], 10, ['d1', 'd2'], null],
    ['the day that passes the cap is left for the next answer', [day('d1', 4), day('d2', 7), day('d3', 1)], 10, ['d1'], 'd2'],
    ['an empty day fits a full answer', [day('d1', 10), day('d2', 0), day('d3', 1)], 10, ['d1', 'd2'], 'd3'],
    ['a first day over the cap is taken whole', [day('d1', 0), day('d2', 25), day('d3', 1)], 10, ['d1', 'd2'], 'd3'],
  ] as const)('%s', (_name, days, cap, taken, nextFrom) => {
    const builder = new SlotPageBuilder<{ staffIds: string[] }>({ slots: cap, staffIds: 1000 });
    const added = days.filter((d) => builder.add(d)).map((d) => d.date);
    expect(added).toEqual(taken);
    expect(builder.full).toBe(nextFrom !== null);
    expect(builder.page().nextFrom).toBe(nextFrom);
    expect(builder.page().slots).toHaveLength(days.filter((d) => added.includes(d.date)).reduce((n, d) => n + d.slots.length, 0));
  });
});

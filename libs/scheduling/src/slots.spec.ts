import { DateTime } from 'luxon';
import { computeSlots, nearestSlots, offeredSlotAt } from './slots';
import type { Slot } from './slots';
import { EVERY_DAY_9_TO_17, isoStarts, localStarts, query, week } from './test-fixtures';

const at = (iso: string): Date => new Date(iso);
const policy = (overrides: Partial<ReturnType<typeof query>['policy']> = {}) => ({
  ...query().policy,
  ...overrides,
});
const service = (overrides: Partial<ReturnType<typeof query>['service']> = {}) => ({
  ...query().service,
  ...overrides,
});
const offsetsOf = (slots: readonly Slot[], zone: string): number[] =>
  slots.map((slot) => DateTime.fromJSDate(slot.start, { zone }).offset);

describe('computeSlots: grid and working intervals', () => {
  it('steps a 45-minute grid from a 09:30 opening in Asia/Kolkata (+05:30)', () => {
    const slots = computeSlots(
      query({
        timezone: 'Asia/Kolkata',
        businessHours: week({ tue: [['09:30', '13:00']] }),
        policy: policy({ slotIntervalMinutes: 45 }),
        service: service({ durationMinutes: 45 }),
      }),
    );
    expect(localStarts(slots, 'Asia/Kolkata')).toEqual([
      '2026-03-10T09:30',
      '2026-03-10T10:15',
      '2026-03-10T11:00',
      '2026-03-10T11:45',
    ]);
    expect(isoStarts(slots)).toEqual([
      '2026-03-10T04:00:00.000Z',
      '2026-03-10T04:45:00.000Z',
      '2026-03-10T05:30:00.000Z',
      '2026-03-10T06:15:00.000Z',
    ]);
    expect(slots[0].end.toISOString()).toBe('2026-03-10T04:45:00.000Z');
  });

  it.each([
    [
      'touching intervals merge, so a slot spans the seam',
      [
        ['09:00', '12:00'],
        ['12:00', '17:00'],
      ],
      30,
      true,
      15,
    ],
    [
      'overlapping intervals merge too',
      [
        ['09:00', '13:00'],
        ['12:00', '17:00'],
      ],
      30,
      true,
      15,
    ],
    [
      'a gap between intervals is not bridged',
      [
        ['09:00', '12:00'],
        ['12:15', '17:00'],
      ],
      30,
      false,
      13,
    ],
  ] as Array<[string, Array<[string, string]>, number, boolean, number]>)('%s', (_name, hours, step, offers1130, count) => {
    const slots = computeSlots(query({ businessHours: week({ tue: hours }), policy: policy({ slotIntervalMinutes: step }) }));
    expect(localStarts(slots, 'UTC').includes('2026-03-10T11:30')).toBe(offers1130);
    expect(slots).toHaveLength(count);
  });

  it('anchors the grid at the merged interval start, not at the second piece', () => {
    const slots = computeSlots(
      query({
        businessHours: week({
          tue: [
            ['09:10', '12:00'],
            ['12:00', '17:00'],
          ],
        }),
      }),
    );
    expect(localStarts(slots, 'UTC').map((s) => s.slice(11))).toEqual([
      '09:10',
      '10:10',
      '11:10',
      '12:10',
      '13:10',
      '14:10',
      '15:10',
    ]);
  });

  it('gives staff with their own hours their own slots', () => {
    const slots = computeSlots(
      query({
        businessHours: week({ tue: [['09:00', '12:00']] }),
        // Unsorted on purpose: staffIds come back sorted.
        staff: [
          { id: 'bob', hours: week({ tue: [['11:00', '14:00']] }) },
          { id: 'alice', hours: null },
        ],
      }),
    );
    expect(slots.map((slot) => [slot.start.toISOString().slice(11, 16), slot.staffIds])).toEqual([
      ['09:00', ['alice']],
      ['10:00', ['alice']],
      ['11:00', ['alice', 'bob']],
      ['12:00', ['bob']],
      ['13:00', ['bob']],
    ]);
  });

  it('offers nothing without staff, or when from is after to', () => {
    expect(computeSlots(query({ staff: [] }))).toEqual([]);
    expect(computeSlots(query({ from: '2026-03-11', to: '2026-03-10' }))).toEqual([]);
  });
});

describe('computeSlots: overrides', () => {
  const sunday = '2026-03-15';
  const weekdaysOnly = week({ mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] });
  const twoStaff = [
    { id: 'alice', hours: null },
    { id: 'bob', hours: null },
  ];

  it.each([
    [
      'an open override opens a closed day for everyone',
      { date: sunday, kind: 'open' as const, start: '10:00', end: '12:00', staffId: null },
      [
        ['10:00', ['alice', 'bob']],
        ['11:00', ['alice', 'bob']],
      ],
    ],
    [
      "a staff member's open override opens the day for them only",
      { date: sunday, kind: 'open' as const, start: '10:00', end: '12:00', staffId: 'bob' },
      [
        ['10:00', ['bob']],
        ['11:00', ['bob']],
      ],
    ],
  ])('%s', (_name, override, expected) => {
    const slots = computeSlots(
      query({ from: sunday, to: sunday, businessHours: weekdaysOnly, staff: twoStaff, overrides: [override] }),
    );
    expect(slots.map((slot) => [slot.start.toISOString().slice(11, 16), slot.staffIds])).toEqual(expected);
  });

  it('extends a working day with an open override outside the weekly hours', () => {
    const slots = computeSlots(
      query({ overrides: [{ date: '2026-03-10', kind: 'open', start: '17:00', end: '19:00', staffId: null }] }),
    );
    expect(slots).toHaveLength(10);
  });

  it.each([
    ['business-wide', null, []],
    ["alice's own", 'alice', ['bob']],
  ])('a %s whole-day closure removes the day', (_name, staffId, remaining) => {
    const slots = computeSlots(
      query({
        staff: twoStaff,
        overrides: [{ date: '2026-03-10', kind: 'closed', start: null, end: null, staffId }],
      }),
    );
    expect([...new Set(slots.flatMap((slot) => slot.staffIds))]).toEqual(remaining);
  });

  it('a closure wins over an open override of the same date', () => {
    const slots = computeSlots(
      query({
        overrides: [
          { date: '2026-03-10', kind: 'open', start: '06:00', end: '08:00', staffId: 'alice' },
          { date: '2026-03-10', kind: 'closed', start: null, end: null, staffId: null },
        ],
      }),
    );
    expect(slots).toEqual([]);
  });

  it.each([
    ['without buffers', 0, 0, ['09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00']],
    // Buffers may leave working hours (09:00 keeps its 08:50 buffer) but not enter a closure.
    ['with 10-minute buffers', 10, 10, ['09:00', '10:00', '14:00', '15:00', '16:00']],
  ])('a partial closure 12:00–13:00 %s', (_name, bufferBeforeMinutes, bufferAfterMinutes, expected) => {
    const slots = computeSlots(
      query({
        service: service({ bufferBeforeMinutes, bufferAfterMinutes }),
        overrides: [{ date: '2026-03-10', kind: 'closed', start: '12:00', end: '13:00', staffId: null }],
      }),
    );
    expect(localStarts(slots, 'UTC').map((s) => s.slice(11))).toEqual(expected);
  });

  it("keeps buffers out of the next day's whole-day closure", () => {
    const slots = computeSlots(
      query({
        businessHours: week({ tue: [['20:00', '23:30']] }),
        policy: policy({ slotIntervalMinutes: 30 }),
        service: service({ bufferAfterMinutes: 45 }),
        overrides: [{ date: '2026-03-11', kind: 'closed', start: null, end: null, staffId: null }],
      }),
    );
    // 22:30–23:30 would clean up until 00:15 on the closed Wednesday.
    expect(localStarts(slots, 'UTC').map((s) => s.slice(11))).toEqual(['20:00', '20:30', '21:00', '21:30', '22:00']);
  });
});

describe('computeSlots: bookings and buffers', () => {
  // Booking A is 10:00–11:00 with a 10-minute clean-up: blocked 10:00–11:10.
  const bookingA = { staffId: 'alice', blockedStart: at('2026-03-10T10:00:00Z'), blockedEnd: at('2026-03-10T11:10:00Z') };
  const slots = computeSlots(
    query({
      businessHours: week({ tue: [['09:00', '13:00']] }),
      policy: policy({ slotIntervalMinutes: 5 }),
      service: service({ durationMinutes: 30, bufferBeforeMinutes: 15, bufferAfterMinutes: 0 }),
      bookings: [bookingA],
    }),
  );
  const offered = new Set(localStarts(slots, 'UTC').map((s) => s.slice(11)));

  it.each([
    ['09:30', true, 'ends exactly when A starts'],
    ['09:35', false, 'would run into A'],
    ['10:30', false, 'inside A'],
    ['11:20', false, "its 15-minute set-up would overlap A's 10-minute clean-up"],
    ['11:25', true, 'leaves the 10 + 15 = 25 minutes both buffers need'],
  ])('%s offered: %s (%s)', (start, expected) => {
    expect(offered.has(start)).toBe(expected);
  });

  it("ignores other staff members' bookings", () => {
    const both = computeSlots(
      query({
        staff: [
          { id: 'alice', hours: null },
          { id: 'bob', hours: null },
        ],
        bookings: [bookingA],
      }),
    );
    const ten = both.find((slot) => slot.start.toISOString() === '2026-03-10T10:00:00.000Z');
    expect(ten?.staffIds).toEqual(['bob']);
  });
});

describe('computeSlots: notice, advance and cutoff', () => {
  it.each([
    ['now + notice lands on a start: that start is offered', '2026-03-10T08:00:00Z', '10:00'],
    ['one second later it is not', '2026-03-10T08:00:01Z', '11:00'],
  ])('minimum notice: %s', (_name, now, firstStart) => {
    const slots = computeSlots(query({ now: at(now), policy: policy({ minNoticeMinutes: 120 }) }));
    expect(slots[0].start.toISOString().slice(11, 16)).toBe(firstStart);
  });

  it.each([
    ['UTC', '2026-03-10T08:00:00Z', ['2026-03-10', '2026-03-11', '2026-03-12']],
    // 20:00Z is already 01:30 on the 11th in Kolkata, so "today" is the 11th there.
    ['Asia/Kolkata', '2026-03-10T20:00:00Z', ['2026-03-11', '2026-03-12', '2026-03-13']],
  ])('maximum advance of 2 days counts from the local today (%s)', (timezone, now, dates) => {
    const slots = computeSlots(
      query({ timezone, from: '2026-03-09', to: '2026-03-16', now: at(now), policy: policy({ maxAdvanceDays: 2 }) }),
    );
    expect([...new Set(localStarts(slots, timezone).map((s) => s.slice(0, 10)))]).toEqual(dates);
  });

  it.each([
    ['before the cutoff, today is offered', '2026-03-10T06:29:00Z', true],
    ['at the cutoff, today is not', '2026-03-10T06:30:00Z', false],
    ['after the cutoff, today is not', '2026-03-10T09:00:00Z', false],
  ])('same-day cutoff 12:00 in Kolkata: %s', (_name, now, todayOffered) => {
    const slots = computeSlots(
      query({
        timezone: 'Asia/Kolkata',
        from: '2026-03-10',
        to: '2026-03-11',
        now: at(now),
        policy: policy({ sameDayCutoff: '12:00' }),
      }),
    );
    const dates = new Set(localStarts(slots, 'Asia/Kolkata').map((s) => s.slice(0, 10)));
    expect(dates.has('2026-03-10')).toBe(todayOffered);
    expect(dates.has('2026-03-11')).toBe(true);
  });

  it('never offers a start in the past', () => {
    const slots = computeSlots(query({ from: '2026-03-09', to: '2026-03-10', now: at('2026-03-10T12:30:00Z') }));
    expect(isoStarts(slots)[0]).toBe('2026-03-10T13:00:00.000Z');
  });
});

describe('computeSlots: daylight saving time', () => {
  const ny = 'America/New_York';
  const lordHowe = 'Australia/Lord_Howe';
  const nineToTen = week({
    mon: [['09:00', '10:00']],
    tue: [['09:00', '10:00']],
    wed: [['09:00', '10:00']],
    thu: [['09:00', '10:00']],
    fri: [['09:00', '10:00']],
    sat: [['09:00', '10:00']],
    sun: [['09:00', '10:00']],
  });

  it.each([
    [ny, '2026-03-07', '2026-03-08', ['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z'], [-300, -240]],
    [ny, '2026-10-31', '2026-11-01', ['2026-10-31T13:00:00.000Z', '2026-11-01T14:00:00.000Z'], [-240, -300]],
    [lordHowe, '2026-04-04', '2026-04-05', ['2026-04-03T22:00:00.000Z', '2026-04-04T22:30:00.000Z'], [660, 630]],
    [lordHowe, '2026-10-03', '2026-10-04', ['2026-10-02T22:30:00.000Z', '2026-10-03T22:00:00.000Z'], [630, 660]],
  ])('%s: 09:00 stays 09:00 local across %s → %s', (timezone, from, to, iso, offsets) => {
    const slots = computeSlots(query({ timezone, from, to, now: at('2026-01-01T00:00:00Z'), businessHours: nineToTen }));
    expect(localStarts(slots, timezone).map((s) => s.slice(11))).toEqual(['09:00', '09:00']);
    expect(isoStarts(slots)).toEqual(iso);
    expect(offsetsOf(slots, timezone)).toEqual(offsets);
  });

  const dstDay = (timezone: string, date: string, hours: [string, string], step: number) =>
    computeSlots(
      query({
        timezone,
        from: date,
        to: date,
        now: at('2026-01-01T00:00:00Z'),
        businessHours: week({ sun: [hours] }),
        policy: policy({ slotIntervalMinutes: step }),
        service: service({ durationMinutes: step }),
      }),
    );

  it('New York 2026-03-08: 02:00–02:59 do not exist and are not offered', () => {
    const slots = dstDay(ny, '2026-03-08', ['01:00', '04:00'], 30);
    expect(localStarts(slots, ny).map((s) => s.slice(11))).toEqual(['01:00', '01:30', '03:00', '03:30']);
    expect(isoStarts(slots)).toEqual([
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T06:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T07:30:00.000Z',
    ]);
    const fine = dstDay(ny, '2026-03-08', ['01:00', '04:00'], 15);
    expect(localStarts(fine, ny).filter((s) => s.slice(11, 13) === '02')).toEqual([]);
    expect(fine).toHaveLength(8);
  });

  it.each([
    // An end inside the gap is the moment the clocks jump: 01:30 EST runs to 03:00 EDT.
    ['an end in the gap', ['00:00', '02:30'], ['00:00', '00:30', '01:00', '01:30']],
    // A start inside the gap keeps its wall-clock grid (02:30, 03:00, …) minus the missing times.
    ['a start in the gap', ['02:30', '04:00'], ['03:00', '03:30']],
  ] as Array<[string, [string, string], string[]]>)('New York 2026-03-08: %s', (_name, hours, expected) => {
    expect(localStarts(dstDay(ny, '2026-03-08', hours, 30), ny).map((s) => s.slice(11))).toEqual(expected);
  });

  it('New York 2026-03-08: an appointment may not run past an end that falls in the gap', () => {
    const slots = computeSlots(
      query({
        timezone: ny,
        from: '2026-03-08',
        to: '2026-03-08',
        now: at('2026-01-01T00:00:00Z'),
        businessHours: week({ sun: [['00:00', '02:30']] }),
        policy: policy({ slotIntervalMinutes: 15 }),
      }),
    );
    // 01:00 EST + 60 min is 03:00 EDT, the jump; 01:15 would end at 03:15.
    expect(
      localStarts(slots, ny)
        .map((s) => s.slice(11))
        .slice(-1),
    ).toEqual(['01:00']);
  });

  it('New York 2026-03-08: a closure wholly inside the gap closes nothing', () => {
    const slots = computeSlots(
      query({
        timezone: ny,
        from: '2026-03-08',
        to: '2026-03-08',
        now: at('2026-01-01T00:00:00Z'),
        businessHours: week({ sun: [['01:00', '04:00']] }),
        policy: policy({ slotIntervalMinutes: 30 }),
        service: service({ durationMinutes: 30, bufferAfterMinutes: 30 }),
        overrides: [{ date: '2026-03-08', kind: 'closed', start: '02:00', end: '02:30', staffId: null }],
      }),
    );
    // 01:30 EST cleans up until 03:30 EDT, straight across the missing 02:00–02:30.
    // The closure still splits the wall-clock hours, so the second grid starts at 02:30.
    expect(localStarts(slots, ny).map((s) => s.slice(11))).toEqual(['01:00', '01:30', '03:00', '03:30']);
  });

  it('New York 2026-11-01: the repeated 01:00 hour is offered once, at its first (EDT) occurrence', () => {
    const slots = dstDay(ny, '2026-11-01', ['00:00', '03:00'], 60);
    expect(isoStarts(slots)).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-01T05:00:00.000Z', '2026-11-01T07:00:00.000Z']);
    expect(offsetsOf(slots, ny)).toEqual([-240, -240, -300]);
  });

  it('Lord Howe 2026-10-04: 02:00–02:29 do not exist (30-minute shift)', () => {
    const slots = dstDay(lordHowe, '2026-10-04', ['01:00', '04:00'], 15);
    expect(localStarts(slots, lordHowe).map((s) => s.slice(11))).toEqual([
      '01:00',
      '01:15',
      '01:30',
      '01:45',
      '02:30',
      '02:45',
      '03:00',
      '03:15',
      '03:30',
      '03:45',
    ]);
    expect(slots[3].end.getTime()).toBe(slots[4].start.getTime());
  });

  it('Lord Howe 2026-04-05: wall-clock grid over the repeated half hour, first occurrence', () => {
    const slots = dstDay(lordHowe, '2026-04-05', ['01:00', '03:00'], 30);
    expect(localStarts(slots, lordHowe).map((s) => s.slice(11))).toEqual(['01:00', '01:30', '02:00', '02:30']);
    expect(offsetsOf(slots, lordHowe)).toEqual([660, 660, 630, 630]);
    expect(isoStarts(slots)).toEqual([
      '2026-04-04T14:00:00.000Z',
      '2026-04-04T14:30:00.000Z',
      '2026-04-04T15:30:00.000Z',
      '2026-04-04T16:00:00.000Z',
    ]);
  });
});

describe('offeredSlotAt', () => {
  const base = query({
    staff: [
      { id: 'alice', hours: null },
      { id: 'bob', hours: null },
    ],
    bookings: [{ staffId: 'bob', blockedStart: at('2026-03-10T10:00:00Z'), blockedEnd: at('2026-03-10T11:00:00Z') }],
  });

  it.each([
    ['an offered start', '2026-03-10T09:00:00Z', ['alice', 'bob']],
    ['a start one staff member is booked at', '2026-03-10T10:00:00Z', ['alice']],
    ['a start off the grid', '2026-03-10T10:30:00Z', null],
    ['a start outside hours', '2026-03-10T17:00:00Z', null],
  ])('%s', (_name, start, staffIds) => {
    const slot = offeredSlotAt(base, at(start));
    expect(slot?.staffIds ?? null).toEqual(staffIds);
  });

  it('uses the local date of the start, in the tenant zone', () => {
    // 23:30Z on the 9th is 05:00 on the 10th in Kolkata.
    const slot = offeredSlotAt(
      { ...base, timezone: 'Asia/Kolkata', businessHours: week({ tue: [['05:00', '06:00']] }) },
      at('2026-03-09T23:30:00Z'),
    );
    expect(slot?.end.toISOString()).toBe('2026-03-10T00:30:00.000Z');
  });

  it('agrees with computeSlots on every candidate of a day', () => {
    const slots = computeSlots({ ...base, policy: policy({ slotIntervalMinutes: 15 }) });
    for (let minute = 8 * 60; minute < 18 * 60; minute += 5) {
      const start = new Date(Date.UTC(2026, 2, 10, 0, minute));
      const expected = slots.find((slot) => slot.start.getTime() === start.getTime()) ?? null;
      expect(offeredSlotAt({ ...base, policy: policy({ slotIntervalMinutes: 15 }) }, start)).toEqual(expected);
    }
  });
});

describe('nearestSlots', () => {
  const slots = computeSlots(query({ businessHours: EVERY_DAY_9_TO_17 }));
  const hours = (picked: readonly Slot[]) => picked.map((slot) => slot.start.getUTCHours());

  it.each([
    ['between two slots, closer to the later', '2026-03-10T12:40:00Z', 3, [12, 13, 14]],
    ['exactly between: the earlier wins the tie', '2026-03-10T12:30:00Z', 3, [11, 12, 13]],
    ['before all slots', '2026-03-10T05:00:00Z', 3, [9, 10, 11]],
    ['after all slots', '2026-03-10T20:00:00Z', 3, [14, 15, 16]],
    ['more asked than there are', '2026-03-10T12:00:00Z', 20, [9, 10, 11, 12, 13, 14, 15, 16]],
    ['none asked', '2026-03-10T12:00:00Z', 0, []],
  ])('%s', (_name, requested, n, expected) => {
    expect(hours(nearestSlots(slots, at(requested), n))).toEqual(expected);
  });

  it('defaults to 3 and copes with no slots', () => {
    expect(nearestSlots(slots, at('2026-03-10T12:40:00Z'))).toHaveLength(3);
    expect(nearestSlots([], at('2026-03-10T12:40:00Z'))).toEqual([]);
  });
});

describe('computeSlots: input checks', () => {
  it.each([
    ['an unknown zone', query({ timezone: 'Mars/Olympus_Mons' })],
    ['a zero slot interval', query({ policy: policy({ slotIntervalMinutes: 0 }) })],
    ['a fractional duration', query({ service: service({ durationMinutes: 7.5 }) })],
    ['a malformed date', query({ from: '2026-02-30' })],
    ['a malformed time', query({ businessHours: week({ tue: [['9:00', '17:00']] }) })],
    ['24:00', query({ businessHours: week({ tue: [['09:00', '24:00']] }) })],
  ])('rejects %s', (_name, input) => {
    expect(() => computeSlots(input)).toThrow(RangeError);
  });
});

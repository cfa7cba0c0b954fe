import { describe, expect, it } from 'vitest';
import type { Override, WeeklyHours } from '@frontdesk/contracts';
import { assignLanes, type CalendarBooking, clipToDate, layoutCalendar, snapMinute } from './layout';

const NY = 'America/New_York';
const hours = (interval?: [string, string]): WeeklyHours => {
  const day = interval ? [{ start: interval[0], end: interval[1] }] : [];
  return { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day };
};
const staff = [
  { id: 'ana', name: 'Ana', hours: null },
  { id: 'ben', name: 'Ben', hours: hours(['12:00', '20:00']) },
];
let nextId = 0;
const booking = (
  staffId: string,
  start: string,
  end: string,
  status: CalendarBooking['status'] = 'confirmed',
): CalendarBooking => ({
  id: `b${++nextId}`,
  status,
  paymentStatus: 'none',
  staffId,
  serviceId: 's1',
  start,
  end,
  customerConfirmedAt: null,
  customer: { name: 'Cust', phone: '+15550000000' },
});
const override = (fields: Partial<Override>): Override => ({
  id: `o${++nextId}`,
  date: '2026-12-01',
  kind: 'closed',
  start: null,
  end: null,
  staffId: null,
  note: null,
  ...fields,
});

describe('layoutCalendar: bookings into staff columns and time rows', () => {
  const base = { dates: ['2026-12-01'], staff, businessHours: hours(['09:00', '17:00']), overrides: [], timeZone: NY };

  it.each([
    // [case, booking start, end (UTC), staff, expected column, start minute, end minute]
    ['9:00 New York is 14:00Z', '2026-12-01T14:00:00Z', '2026-12-01T14:30:00Z', 'ana', '2026-12-01|ana', 540, 570],
    ['in the other staff column', '2026-12-01T20:15:00Z', '2026-12-01T21:05:00Z', 'ben', '2026-12-01|ben', 915, 965],
    [
      'late evening UTC is still the same local day',
      '2026-12-02T03:00:00Z',
      '2026-12-02T04:00:00Z',
      'ana',
      '2026-12-01|ana',
      1320,
      1380,
    ],
  ])('%s', (_case, start, end, staffId, key, startMinute, endMinute) => {
    const layout = layoutCalendar({ ...base, bookings: [booking(staffId, start, end)] });
    const column = layout.columns.find((c) => c.key === key)!;
    expect(column.bookings).toHaveLength(1);
    expect(column.bookings[0]).toMatchObject({ startMinute, endMinute, lane: 0, lanes: 1 });
    expect(layout.columns.filter((c) => c.key !== key).every((c) => c.bookings.length === 0)).toBe(true);
  });

  it('makes one column per date and staff member, in order', () => {
    const layout = layoutCalendar({ ...base, dates: ['2026-12-01', '2026-12-02'], bookings: [] });
    expect(layout.columns.map((c) => c.key)).toEqual(['2026-12-01|ana', '2026-12-01|ben', '2026-12-02|ana', '2026-12-02|ben']);
  });

  it('lists bookings of staff without a column (or outside the dates) as unplaced', () => {
    const stray = booking('gone', '2026-12-01T14:00:00Z', '2026-12-01T14:30:00Z');
    const later = booking('ana', '2026-12-05T14:00:00Z', '2026-12-05T14:30:00Z');
    expect(layoutCalendar({ ...base, bookings: [stray, later] }).unplaced).toEqual([stray, later]);
  });

  it('uses the staff member’s own weekly hours, else the business’s', () => {
    const layout = layoutCalendar({ ...base, bookings: [] });
    expect(layout.columns.map((c) => c.hours)).toEqual([
      [{ startMinute: 540, endMinute: 1020 }],
      [{ startMinute: 720, endMinute: 1200 }],
    ]);
  });

  it.each([
    ['business-wide closure with times', { staffId: null, start: '12:00', end: '13:00' }, ['ana', 'ben'], 720, 780, false],
    ['one staff member’s closure', { staffId: 'ben', start: '12:00', end: '13:00' }, ['ben'], 720, 780, false],
    ['whole-day closure', { staffId: null }, ['ana', 'ben'], 0, 1440, true],
    ['extra opening', { kind: 'open' as const, staffId: 'ana', start: '18:00', end: '21:00' }, ['ana'], 1080, 1260, false],
  ])('places overrides: %s', (_case, fields, staffIds, startMinute, endMinute, wholeDay) => {
    const layout = layoutCalendar({ ...base, bookings: [], overrides: [override(fields), override({ date: '2026-12-02' })] });
    for (const column of layout.columns) {
      const expected = staffIds.includes(column.staffId) ? [{ startMinute, endMinute, wholeDay }] : [];
      expect(
        column.overrides.map(({ startMinute: s, endMinute: e, wholeDay: w }) => ({ startMinute: s, endMinute: e, wholeDay: w })),
      ).toEqual(expected);
    }
  });

  it.each([
    ['default window', [], 480, 1200], // 08:00 … Ben works until 20:00
    ['an early booking widens it to the hour', [booking('ana', '2026-12-01T11:30:00Z', '2026-12-01T12:00:00Z')], 360, 1200],
    ['a late booking widens it to the next hour', [booking('ana', '2026-12-02T01:10:00Z', '2026-12-02T01:40:00Z')], 480, 1260],
  ])('visible window: %s', (_case, bookings, startMinute, endMinute) => {
    const layout = layoutCalendar({ ...base, bookings });
    expect([layout.startMinute, layout.endMinute]).toEqual([startMinute, endMinute]);
  });

  it('keeps wall-clock times across the DST change (New York, 2026-11-01)', () => {
    // 09:00 local is 13:00Z before the change (EDT) and 14:00Z after it (EST).
    const layout = layoutCalendar({
      ...base,
      dates: ['2026-10-31', '2026-11-01', '2026-11-02'],
      staff: [staff[0]],
      bookings: [
        booking('ana', '2026-10-31T13:00:00Z', '2026-10-31T13:30:00Z'),
        booking('ana', '2026-11-02T14:00:00Z', '2026-11-02T14:30:00Z'),
      ],
    });
    expect(layout.columns.map((c) => c.bookings.map((b) => b.startMinute))).toEqual([[540], [], [540]]);
  });

  it('cuts a booking that crosses midnight into both days', () => {
    const layout = layoutCalendar({
      ...base,
      dates: ['2026-12-01', '2026-12-02'],
      staff: [staff[0]],
      bookings: [booking('ana', '2026-12-02T04:30:00Z', '2026-12-02T05:30:00Z')], // 23:30–00:30 local
    });
    expect(
      layout.columns.map((c) =>
        c.bookings.map(({ startMinute, endMinute, continuesBefore, continuesAfter }) => ({
          startMinute,
          endMinute,
          continuesBefore,
          continuesAfter,
        })),
      ),
    ).toEqual([
      [{ startMinute: 1410, endMinute: 1440, continuesBefore: false, continuesAfter: true }],
      [{ startMinute: 0, endMinute: 30, continuesBefore: true, continuesAfter: false }],
    ]);
    expect(layout.endMinute).toBe(1440);
  });
});

describe('assignLanes', () => {
  const band = (startMinute: number, endMinute: number, id: string) => ({ startMinute, endMinute, id });
  it.each([
    ['no overlap', [band(0, 30, 'a'), band(30, 60, 'b')], { a: [0, 1], b: [0, 1] }],
    ['two overlapping', [band(0, 60, 'a'), band(30, 90, 'b')], { a: [0, 2], b: [1, 2] }],
    ['a lane is reused once free', [band(0, 60, 'a'), band(10, 30, 'b'), band(40, 70, 'c')], { a: [0, 2], b: [1, 2], c: [1, 2] }],
    [
      'three at once',
      [band(0, 60, 'a'), band(0, 60, 'b'), band(0, 60, 'c'), band(60, 90, 'd')],
      { a: [0, 3], b: [1, 3], c: [2, 3], d: [0, 1] },
    ],
  ])('%s', (_case, items, expected) => {
    const result = Object.fromEntries(assignLanes(items).map((item) => [item.id, [item.lane, item.lanes]]));
    expect(result).toEqual(expected);
  });
});

describe('clipToDate and snapMinute', () => {
  it('returns null for a booking on another day', () => {
    expect(clipToDate({ start: '2026-12-03T14:00:00Z', end: '2026-12-03T15:00:00Z' }, '2026-12-01', NY)).toBeNull();
  });
  it.each([
    [0, 1, 480, 480],
    [37, 1, 480, 510], // 08:37 → 08:30
    [38, 1, 480, 525], // 08:38 → 08:45
    [120, 2, 540, 600],
    [-500, 1, 60, 0],
  ])('offset %ipx at %ipx/min from minute %i snaps to %i', (offset, pxPerMinute, start, expected) => {
    expect(snapMinute(offset, pxPerMinute, start)).toBe(expected);
  });
});

describe('layoutCalendar: busy time from staff calendars', () => {
  it("puts each busy range in its staff member's column, cut at local midnight", () => {
    const layout = layoutCalendar({
      dates: ['2026-12-01', '2026-12-02'],
      staff,
      businessHours: hours(['09:00', '17:00']),
      bookings: [],
      overrides: [],
      externalBusy: [
        { staffId: 'ana', start: '2026-12-01T15:00:00.000Z', end: '2026-12-01T16:30:00.000Z' },
        { staffId: 'ben', start: '2026-12-02T03:00:00.000Z', end: '2026-12-02T06:00:00.000Z' },
        { staffId: 'nobody', start: '2026-12-01T15:00:00.000Z', end: '2026-12-01T16:00:00.000Z' },
      ],
      timeZone: NY,
    });
    const busyOf = (key: string) => layout.columns.find((c) => c.key === key)!.externalBusy;
    expect(busyOf('2026-12-01|ana')).toEqual([{ startMinute: 600, endMinute: 690 }]);
    expect(busyOf('2026-12-01|ben')).toEqual([{ startMinute: 1320, endMinute: 1440 }]);
    expect(busyOf('2026-12-02|ben')).toEqual([{ startMinute: 0, endMinute: 60 }]);
    expect(busyOf('2026-12-02|ana')).toEqual([]);
  });
});

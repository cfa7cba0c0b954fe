import fc from 'fast-check';
import { DateTime } from 'luxon';
import { WEEKDAYS } from '@frontdesk/contracts';
import type { TimeInterval, WeeklyHours } from '@frontdesk/contracts';
import { computeSlots } from './slots';
import type { BlockedRange, Slot, SlotQuery } from './slots';
import type { ScheduleOverride } from './working-intervals';
import {
  addDays,
  overlaps,
  referenceBoundary,
  referenceClosures,
  referenceSlots,
  referenceWorkingMinutes,
} from './test-fixtures';

// Zones chosen for their transitions: 1-hour DST both ways (New York, Berlin),
// 30-minute DST (Lord Howe), DST at midnight (Santiago), none (Kolkata, UTC).
const ZONES = ['UTC', 'Asia/Kolkata', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'America/Santiago'];
// Each range start sits on or just before a 2026 transition in one of the zones.
const FIRST_DATES = [
  '2026-03-07',
  '2026-03-28',
  '2026-04-04',
  '2026-06-15',
  '2026-09-05',
  '2026-10-03',
  '2026-10-24',
  '2026-10-31',
];
const STAFF_IDS = ['a', 'b', 'c'];

const hhmm = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * An interval on the 5-minute grid, inside one day (end at most 23:55). Half
 * of them sit in the small hours, where the transitions are, so that starts
 * and ends inside gaps and repeated hours come up often.
 */
const intervalArb: fc.Arbitrary<TimeInterval> = fc
  .oneof(
    fc.tuple(fc.integer({ min: 0, max: 286 }), fc.integer({ min: 1, max: 120 })),
    fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 40 })),
  )
  .map(([start, length]) => ({ start: hhmm(start * 5), end: hhmm(Math.min(start + length, 287) * 5) }));

const weekArb: fc.Arbitrary<WeeklyHours> = fc
  .tuple(...WEEKDAYS.map(() => fc.array(intervalArb, { maxLength: 3 })))
  .map((days) => Object.fromEntries(WEEKDAYS.map((weekday, i) => [weekday, days[i]])) as WeeklyHours);

const queryArb: fc.Arbitrary<SlotQuery> = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    from: fc.constantFrom(...FIRST_DATES),
    span: fc.integer({ min: 0, max: 2 }),
    nowHours: fc.integer({ min: -48, max: 60 }),
    nowMinutes: fc.integer({ min: 0, max: 59 }),
    policy: fc.record({
      minNoticeMinutes: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 600 })),
      maxAdvanceDays: fc.oneof(fc.constant(365), fc.integer({ min: 0, max: 4 })),
      slotIntervalMinutes: fc.constantFrom(10, 15, 20, 30, 45, 60),
      sameDayCutoff: fc.option(
        fc.integer({ min: 0, max: 287 }).map((i) => hhmm(i * 5)),
        { freq: 3 },
      ),
    }),
    service: fc.record({
      id: fc.constant('svc'),
      durationMinutes: fc.constantFrom(15, 30, 45, 60, 90),
      bufferBeforeMinutes: fc.constantFrom(0, 0, 5, 10, 15, 30),
      bufferAfterMinutes: fc.constantFrom(0, 0, 5, 10, 15, 30),
    }),
    businessHours: weekArb,
    staffCount: fc.integer({ min: 1, max: 3 }),
    staffHours: fc.array(fc.option(weekArb, { freq: 2 }), { minLength: 3, maxLength: 3 }),
    overrides: fc.array(
      fc.record({
        dayOffset: fc.integer({ min: -1, max: 3 }),
        kind: fc.constantFrom('open' as const, 'closed' as const),
        interval: fc.option(intervalArb, { freq: 3 }),
        staff: fc.option(fc.constantFrom(...STAFF_IDS), { freq: 2 }),
      }),
      { maxLength: 4 },
    ),
    bookings: fc.array(
      fc.record({
        staff: fc.constantFrom(...STAFF_IDS),
        startFiveMinutes: fc.integer({ min: 0, max: 5 * 288 }),
        lengthFiveMinutes: fc.integer({ min: 1, max: 36 }),
      }),
      { maxLength: 15 },
    ),
  })
  .map((r): SlotQuery => {
    const fromMidnightUtc = Date.parse(`${r.from}T00:00:00Z`);
    const overrides: ScheduleOverride[] = r.overrides
      .map((o) => ({
        date: addDays(r.from, o.dayOffset),
        kind: o.kind,
        start: o.interval?.start ?? null,
        end: o.interval?.end ?? null,
        staffId: o.staff,
      }))
      // The contract has no open override without times.
      .filter((o) => o.kind === 'closed' || o.start !== null);
    const bookings: BlockedRange[] = r.bookings.map((b) => {
      // Starts from 14 h before the first date's UTC midnight, to cover every zone's local day.
      const start = fromMidnightUtc - 14 * 3_600_000 + b.startFiveMinutes * 300_000;
      return {
        staffId: b.staff,
        blockedStart: new Date(start),
        blockedEnd: new Date(start + b.lengthFiveMinutes * 300_000),
      };
    });
    return {
      timezone: r.timezone,
      from: r.from,
      to: addDays(r.from, r.span),
      now: new Date(fromMidnightUtc + r.nowHours * 3_600_000 + r.nowMinutes * 60_000),
      policy: r.policy,
      businessHours: r.businessHours,
      service: r.service,
      staff: STAFF_IDS.slice(0, r.staffCount).map((id, i) => ({ id, hours: r.staffHours[i] })),
      overrides,
      bookings,
    };
  });

const summary = (slots: readonly Slot[]): Array<[string, string[]]> =>
  slots.map((slot) => [slot.start.toISOString(), slot.staffIds]);

function buffered(q: SlotQuery, slot: Slot): [number, number] {
  return [
    slot.start.getTime() - q.service.bufferBeforeMinutes * 60_000,
    slot.end.getTime() + q.service.bufferAfterMinutes * 60_000,
  ];
}

const RUNS = { numRuns: 200 };
// The naive reference is slow on purpose; leave room for a loaded CI machine.
const TIMEOUT_MS = 60_000;

describe('computeSlots properties', () => {
  it(
    'matches a naive reference implementation of the five rules',
    () => {
      fc.assert(
        fc.property(queryArb, (q) => {
          expect(summary(computeSlots(q))).toEqual(referenceSlots(q));
        }),
        RUNS,
      );
    },
    TIMEOUT_MS,
  );

  it(
    "never lets a slot's buffered range overlap a booking or a closure of its staff",
    () => {
      fc.assert(
        fc.property(queryArb, (q) => {
          for (const slot of computeSlots(q)) {
            const [start, end] = buffered(q, slot);
            for (const staffId of slot.staffIds) {
              for (const b of q.bookings.filter((booking) => booking.staffId === staffId)) {
                expect(overlaps([start, end], [b.blockedStart.getTime(), b.blockedEnd.getTime()])).toBe(false);
              }
              for (const [c0, c1] of referenceClosures(q, staffId)) {
                expect(overlaps([start, end], [c0, c1])).toBe(false);
              }
            }
          }
        }),
        RUNS,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'puts every slot wholly inside a working interval of each of its staff on its local date',
    () => {
      fc.assert(
        fc.property(queryArb, (q) => {
          for (const slot of computeSlots(q)) {
            const date = DateTime.fromJSDate(slot.start, { zone: q.timezone }).toISODate() as string;
            for (const staffId of slot.staffIds) {
              const hours = q.staff.find((member) => member.id === staffId)?.hours ?? null;
              const inside = referenceWorkingMinutes(q, hours, date, staffId).some(
                ([a, b]) =>
                  referenceBoundary(q.timezone, date, a) <= slot.start.getTime() &&
                  slot.end.getTime() <= referenceBoundary(q.timezone, date, b),
              );
              expect(inside).toBe(true);
            }
          }
        }),
        RUNS,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'booking an offered slot removes exactly the overlapping candidates of that staff member',
    () => {
      fc.assert(
        fc.property(queryArb, fc.nat(), fc.nat(), (q, slotPick, staffPick) => {
          const before = computeSlots(q);
          fc.pre(before.length > 0);
          const chosen = before[slotPick % before.length];
          const staffId = chosen.staffIds[staffPick % chosen.staffIds.length];
          const [blockedStart, blockedEnd] = buffered(q, chosen);
          const after = computeSlots({
            ...q,
            bookings: [...q.bookings, { staffId, blockedStart: new Date(blockedStart), blockedEnd: new Date(blockedEnd) }],
          });
          const expected = before
            .map((slot) => {
              const [start, end] = buffered(q, slot);
              const taken = overlaps([start, end], [blockedStart, blockedEnd]);
              return { ...slot, staffIds: slot.staffIds.filter((id) => id !== staffId || !taken) };
            })
            .filter((slot) => slot.staffIds.length > 0);
          expect(summary(after)).toEqual(summary(expected));
          expect(after.some((slot) => slot.start.getTime() === chosen.start.getTime() && slot.staffIds.includes(staffId))).toBe(
            false,
          );
        }),
        RUNS,
      );
    },
    TIMEOUT_MS,
  );
});

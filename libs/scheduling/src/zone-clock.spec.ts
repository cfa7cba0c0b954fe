import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { MINUTES_PER_DAY, formatLocalDate, parseLocalDate } from './local-time';
import { ZoneClock, localDateTimeOf, localTimeToInstant, wallToInstant, zoneClock } from './zone-clock';
import { referenceInstant } from './test-fixtures';

describe('localTimeToInstant', () => {
  it.each([
    ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00.000Z'],
    ['America/New_York', '2026-03-08', '02:00', null],
    ['America/New_York', '2026-03-08', '02:59', null],
    ['America/New_York', '2026-03-08', '03:00', '2026-03-08T07:00:00.000Z'],
    // Repeated hour: the first (EDT) occurrence, whatever the system clock says.
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'],
    ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00.000Z'],
    ['Australia/Lord_Howe', '2026-10-04', '02:15', null],
    ['Australia/Lord_Howe', '2026-10-04', '02:30', '2026-10-03T15:30:00.000Z'],
    ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00.000Z'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    // Santiago springs forward at midnight: the day starts at 01:00.
    ['America/Santiago', '2026-09-06', '00:00', null],
    ['America/Santiago', '2026-09-06', '01:00', '2026-09-06T04:00:00.000Z'],
    ['Asia/Kolkata', '2026-03-10', '09:30', '2026-03-10T04:00:00.000Z'],
    // Samoa skipped 2011-12-30 entirely when it crossed the date line.
    ['Pacific/Apia', '2011-12-30', '12:00', null],
    ['Pacific/Apia', '2011-12-31', '00:00', '2011-12-30T10:00:00.000Z'],
  ])('%s %s %s → %s', (zone, date, time, expected) => {
    expect(localTimeToInstant(zone, date, time)?.toISOString() ?? null).toBe(expected);
  });

  it('rejects an unknown zone', () => {
    expect(() => localTimeToInstant('Nowhere/Special', '2026-03-10', '09:00')).toThrow(RangeError);
  });
});

describe('ZoneClock', () => {
  const zones = [
    'America/New_York',
    'Europe/Berlin',
    'Australia/Lord_Howe',
    'America/Santiago',
    'Pacific/Chatham',
    'Asia/Tehran',
    'Africa/Casablanca',
    'Pacific/Apia',
  ];

  it('agrees with Luxon (checked instant → wall) on every wall time, gaps and repeats included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: parseLocalDate('2010-01-01'), max: parseLocalDate('2030-12-31') }),
        fc.integer({ min: 0, max: MINUTES_PER_DAY - 1 }),
        (zone, day, minute) => {
          const got = wallToInstant(new ZoneClock(zone).day(day), minute);
          const expected = referenceInstant(zone, formatLocalDate(day), minute);
          expect(Number.isNaN(got) ? null : got).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees with Luxon on every minute of every 2026 transition day in the test zones', () => {
    for (const zone of zones) {
      const clock = new ZoneClock(zone);
      for (let day = parseLocalDate('2026-01-01'); day <= parseLocalDate('2026-12-31'); day++) {
        const dayClock = clock.day(day);
        if (dayClock.transition === Infinity) continue;
        for (let minute = 0; minute < MINUTES_PER_DAY; minute += 5) {
          const got = wallToInstant(dayClock, minute);
          const expected = referenceInstant(zone, formatLocalDate(day), minute);
          expect([zone, day, minute, Number.isNaN(got) ? null : got]).toEqual([zone, day, minute, expected]);
        }
      }
    }
  });

  it('reads the local date and time of an instant', () => {
    const { day, minuteOfDay } = new ZoneClock('Asia/Kolkata').localDayAndMinute(Date.parse('2026-03-10T20:00:00Z'));
    expect([formatLocalDate(day), minuteOfDay]).toEqual(['2026-03-11', 90]);
    const luxon = DateTime.fromISO('2026-03-10T20:00:00Z').setZone('Asia/Kolkata');
    expect(luxon.toISODate()).toBe('2026-03-11');
  });
});

describe('offsets and local times of instants (the shared zone clocks)', () => {
  // Whole-hour, half-hour and 45-minute offsets; transitions of an hour, of 30 minutes (Lord
  // Howe), at midnight (Santiago) and a skipped day (Apia, 2011).
  const zones = [
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'America/Santiago',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Pacific/Apia',
  ];

  it("agrees with Luxon's look-up every 7 minutes across 2011 and 2026", () => {
    const disagreements: [string, string, number][] = [];
    for (const zone of zones) {
      const luxonZone = IANAZone.create(zone);
      for (const year of [2011, 2026]) {
        for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 7 * 60_000) {
          const got = zoneClock(zone).offsetAt(t);
          if (got !== Math.round(luxonZone.offset(t) * 60_000)) disagreements.push([zone, new Date(t).toISOString(), got]);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('changes offset at the exact second Luxon does', () => {
    // New York springs forward at 2026-03-08T07:00:00Z, Lord Howe by 30 minutes at 2026-10-03T15:30:00Z.
    for (const [zone, at] of [
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
    ] as const) {
      const t = Date.parse(at);
      expect([zoneClock(zone).offsetAt(t - 1000), zoneClock(zone).offsetAt(t)]).toEqual([
        Math.round(IANAZone.create(zone).offset(t - 1000) * 60_000),
        Math.round(IANAZone.create(zone).offset(t) * 60_000),
      ]);
      expect(zoneClock(zone).offsetAt(t - 1000)).not.toBe(zoneClock(zone).offsetAt(t));
    }
  });

  it('reads the local date and time as Luxon does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (zone, t) => {
        const luxon = DateTime.fromMillis(t, { zone });
        expect(localDateTimeOf(t, zone)).toEqual({ date: luxon.toISODate(), time: luxon.toFormat('HH:mm') });
      }),
      { numRuns: 3000 },
    );
  });

  it('is one clock per zone, and an unknown zone is refused', () => {
    expect(zoneClock('Europe/Madrid')).toBe(zoneClock('Europe/Madrid'));
    expect(() => zoneClock('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

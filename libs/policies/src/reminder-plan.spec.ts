import { DateTime } from 'luxon';
import { DEFAULT_REMINDER_SETTINGS, planReminders, validateReminderSettings } from './reminder-plan';

const NY = 'America/New_York';
const MADRID = 'Europe/Madrid';
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const inZone = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toISO({ suppressMilliseconds: true });

type Row = {
  name: string;
  zone: string;
  start: string;
  confirmed: string;
  offsets: number[];
  quiet: { start: string; end: string } | null;
  /** Due instants in the zone, or 'skipped'. */
  expected: string[];
};

const QUIET = { start: '21:00', end: '08:00' };

const table: Row[] = [
  {
    name: 'plain: start − offset',
    zone: NY,
    start: '2026-06-10T15:00',
    confirmed: '2026-06-01T10:00',
    offsets: [1440, 120],
    quiet: QUIET,
    expected: ['2026-06-09T15:00:00-04:00', '2026-06-10T13:00:00-04:00'],
  },
  {
    name: 'quiet hours across midnight, after midnight: moved to their end',
    zone: NY,
    start: '2026-06-10T09:00',
    confirmed: '2026-06-01T10:00',
    offsets: [180],
    quiet: QUIET,
    // due 06:00 → end 08:00, which is ≥ 30 min before 09:00
    expected: ['2026-06-10T08:00:00-04:00'],
  },
  {
    name: 'quiet hours across midnight, before midnight: moved to the next morning',
    zone: NY,
    start: '2026-06-11T10:00',
    confirmed: '2026-06-01T10:00',
    offsets: [720],
    quiet: QUIET,
    // due 22:00 the evening before → 08:00
    expected: ['2026-06-11T08:00:00-04:00'],
  },
  {
    name: 'quiet end too close to the start: moved to their beginning',
    zone: NY,
    start: '2026-06-10T08:15',
    confirmed: '2026-06-01T10:00',
    offsets: [120],
    quiet: QUIET,
    // due 06:15; end 08:00 is only 15 min before → beginning 21:00 the evening before
    expected: ['2026-06-09T21:00:00-04:00'],
  },
  {
    name: 'quiet hours within one day',
    zone: NY,
    start: '2026-06-10T16:00',
    confirmed: '2026-06-01T10:00',
    offsets: [180],
    quiet: { start: '12:00', end: '14:00' },
    expected: ['2026-06-10T14:00:00-04:00'],
  },
  {
    name: 'no quiet hours',
    zone: NY,
    start: '2026-06-10T08:00',
    confirmed: '2026-06-01T10:00',
    offsets: [120],
    quiet: null,
    expected: ['2026-06-10T06:00:00-04:00'],
  },
  {
    name: 'already due at confirmation, start at least half the offset away: at once',
    zone: NY,
    start: '2026-06-10T15:00',
    confirmed: '2026-06-10T02:00',
    offsets: [1440, 120],
    quiet: null,
    // 13 h away ≥ 12 h: the 24 h one goes now; the 2 h one at 13:00
    expected: ['2026-06-10T02:00:00-04:00', '2026-06-10T13:00:00-04:00'],
  },
  {
    name: 'already due at confirmation, start nearer than half the offset: skipped',
    zone: NY,
    start: '2026-06-10T15:00',
    confirmed: '2026-06-10T14:30',
    offsets: [1440, 120],
    quiet: QUIET,
    expected: ['skipped', 'skipped'],
  },
  {
    name: 'already due at confirmation inside quiet hours: waits for their end',
    zone: NY,
    start: '2026-06-10T15:00',
    confirmed: '2026-06-09T23:00',
    offsets: [1440],
    quiet: QUIET,
    expected: ['2026-06-10T08:00:00-04:00'],
  },
  {
    name: 'quiet beginning already passed at confirmation: at once',
    zone: NY,
    start: '2026-06-10T08:10',
    confirmed: '2026-06-09T21:30',
    offsets: [120],
    quiet: QUIET,
    expected: ['2026-06-09T21:30:00-04:00'],
  },
  {
    name: 'spring forward (2026-03-08): 24 h before is 23 real hours earlier in wall time terms',
    zone: NY,
    start: '2026-03-08T10:00',
    confirmed: '2026-03-01T10:00',
    offsets: [1440],
    quiet: QUIET,
    // start 10:00 EDT = 14:00Z; − 24 h = 2026-03-07T14:00Z = 09:00 EST, outside quiet hours
    expected: ['2026-03-07T09:00:00-05:00'],
  },
  {
    name: 'spring forward: quiet end 08:00 is in EDT',
    zone: NY,
    start: '2026-03-08T09:00',
    confirmed: '2026-03-01T10:00',
    offsets: [300],
    quiet: QUIET,
    // due 04:00 EDT (08:00Z) inside quiet hours → 08:00 EDT = 12:00Z
    expected: ['2026-03-08T08:00:00-04:00'],
  },
  {
    name: 'fall back (2026-11-01): quiet end 08:00 is in EST',
    zone: NY,
    start: '2026-11-01T09:00',
    confirmed: '2026-10-20T10:00',
    offsets: [300],
    quiet: QUIET,
    // start 09:00 EST = 14:00Z; due 09:00Z = 04:00 EST → 08:00 EST = 13:00Z
    expected: ['2026-11-01T08:00:00-05:00'],
  },
  {
    name: 'fall back: beginning of quiet hours the evening before is in EDT',
    zone: NY,
    start: '2026-11-01T08:20',
    confirmed: '2026-10-20T10:00',
    offsets: [180],
    quiet: QUIET,
    // due 05:20 EST; end 08:00 is 20 min before → 21:00 EDT on 31 October
    expected: ['2026-10-31T21:00:00-04:00'],
  },
  {
    name: 'Europe/Madrid, quiet hours 22:00–07:30',
    zone: MADRID,
    start: '2026-07-15T09:00',
    confirmed: '2026-07-01T10:00',
    offsets: [1440, 120],
    quiet: { start: '22:00', end: '07:30' },
    // 24 h: 14 July 09:00; 2 h: 07:00 → 07:30 (90 min before)
    expected: ['2026-07-14T09:00:00+02:00', '2026-07-15T07:30:00+02:00'],
  },
];

describe('planReminders', () => {
  it.each(table)('$name', ({ zone, start, confirmed, offsets, quiet, expected }) => {
    const plan = planReminders({
      start: local(start, zone),
      timezone: zone,
      settings: { offsetsMinutes: offsets, quietHours: quiet, highRiskExtraOffsetMinutes: null },
      confirmedAt: local(confirmed, zone),
      highRisk: false,
    });
    expect(plan.map((p) => (p.status === 'skipped' ? 'skipped' : inZone(p.dueAt, zone)))).toEqual(expected);
    expect(plan.map((p) => p.offsetMinutes)).toEqual(offsets);
  });

  it('never plans a reminder after the start', () => {
    for (let offset = 5; offset <= 10_080; offset += 97) {
      for (const hour of [0, 3, 7, 8, 12, 20, 21, 23]) {
        const start = local(`2026-03-08T${String(hour).padStart(2, '0')}:30`, NY);
        const [p] = planReminders({
          start,
          timezone: NY,
          settings: { offsetsMinutes: [offset], quietHours: QUIET, highRiskExtraOffsetMinutes: null },
          confirmedAt: local('2026-02-01T10:00', NY),
          highRisk: false,
        });
        const due = p.status === 'scheduled' ? p.dueAt.getTime() : -Infinity;
        expect(due).toBeLessThan(start.getTime());
      }
    }
  });
});

type ExtraRow = {
  name: string;
  extraOffset: number | null;
  highRisk: boolean;
  confirmed: string;
  /** The plan as offset@due-in-NY (or offset:skipped), the extra one marked with a `+`. */
  expected: string[];
};

const extraTable: ExtraRow[] = [
  {
    name: 'off (the default): a high-risk booking gets the usual ones only',
    extraOffset: null,
    highRisk: true,
    confirmed: '2026-06-01T10:00',
    expected: ['1440@2026-06-09T15:00:00-04:00', '120@2026-06-10T13:00:00-04:00'],
  },
  {
    name: 'on, not high risk: the usual ones only',
    extraOffset: 60,
    highRisk: false,
    confirmed: '2026-06-01T10:00',
    expected: ['1440@2026-06-09T15:00:00-04:00', '120@2026-06-10T13:00:00-04:00'],
  },
  {
    name: 'on, high risk: one more at start − its offset',
    extraOffset: 60,
    highRisk: true,
    confirmed: '2026-06-01T10:00',
    expected: ['1440@2026-06-09T15:00:00-04:00', '120@2026-06-10T13:00:00-04:00', '+60@2026-06-10T14:00:00-04:00'],
  },
  {
    name: 'on, high risk, offset earlier than the others: planned by the same rules (quiet hours)',
    extraOffset: 1200,
    highRisk: true,
    confirmed: '2026-06-01T10:00',
    // due 19:00 the evening before: outside quiet hours
    expected: ['1440@2026-06-09T15:00:00-04:00', '120@2026-06-10T13:00:00-04:00', '+1200@2026-06-09T19:00:00-04:00'],
  },
  {
    name: 'became high risk 100 minutes before: the 60-minute one is still ahead',
    extraOffset: 60,
    highRisk: true,
    confirmed: '2026-06-10T13:20',
    expected: ['1440:skipped', '120@2026-06-10T13:20:00-04:00', '+60@2026-06-10T14:00:00-04:00'],
  },
  {
    name: 'became high risk 20 minutes before: its extra one is late and skipped (under half its offset away)',
    extraOffset: 60,
    highRisk: true,
    confirmed: '2026-06-10T14:40',
    expected: ['1440:skipped', '120:skipped', '+60:skipped'],
  },
];

describe('planReminders: the extra reminder of high-risk bookings', () => {
  it.each(extraTable)('$name', ({ extraOffset, highRisk, confirmed, expected }) => {
    const plan = planReminders({
      start: local('2026-06-10T15:00', NY),
      timezone: NY,
      settings: { offsetsMinutes: [1440, 120], quietHours: QUIET, highRiskExtraOffsetMinutes: extraOffset },
      confirmedAt: local(confirmed, NY),
      highRisk,
    });
    expect(
      plan.map(
        (p) => `${p.extra ? '+' : ''}${p.offsetMinutes}${p.status === 'skipped' ? ':skipped' : `@${inZone(p.dueAt, NY)}`}`,
      ),
    ).toEqual(expected);
  });
});

describe('validateReminderSettings', () => {
  it('accepts the defaults', () => {
    expect(validateReminderSettings(DEFAULT_REMINDER_SETTINGS)).toEqual([]);
  });
  it.each([
    [{ offsetsMinutes: [4] }, 'offsetsMinutes'],
    [{ offsetsMinutes: [10_081] }, 'offsetsMinutes'],
    [{ offsetsMinutes: [60, 60] }, 'offsetsMinutes'],
    [{ offsetsMinutes: [10, 20, 30, 40, 50] }, 'offsetsMinutes'],
    [{ offsetsMinutes: [1.5] }, 'offsetsMinutes'],
    [{ quietHours: { start: '21:00', end: '21:00' } }, 'quietHours'],
    [{ quietHours: { start: '25:00', end: '08:00' } }, 'quietHours'],
    [{ whatsappTemplate: 'Appointment Reminder' }, 'whatsappTemplate'],
    [{ highRiskExtraOffsetMinutes: 4 }, 'highRiskExtraOffsetMinutes'],
    [{ highRiskExtraOffsetMinutes: 10_081 }, 'highRiskExtraOffsetMinutes'],
    [{ highRiskExtraOffsetMinutes: 30.5 }, 'highRiskExtraOffsetMinutes'],
    [{ highRiskExtraOffsetMinutes: 120 }, 'highRiskExtraOffsetMinutes'],
  ])('refuses %j', (change, field) => {
    const problems = validateReminderSettings({ ...DEFAULT_REMINDER_SETTINGS, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(field);
  });
});

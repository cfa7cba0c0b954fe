import type { WeeklyHours } from '@frontdesk/contracts';
import { week } from './test-fixtures';
import {
  isLocalDate,
  isLocalTime,
  isWeeklyHours,
  validateDateRange,
  validateOverride,
  validateWeeklyHours,
  type OverrideDraft,
} from './validation';

const closedWeek = week({});
const withDay = (day: string, intervals: unknown): Record<string, unknown> => ({ ...closedWeek, [day]: intervals });
const withoutDay = (day: string): Record<string, unknown> => {
  const { [day as keyof WeeklyHours]: _dropped, ...rest } = closedWeek;
  return rest;
};

describe('validateWeeklyHours', () => {
  it.each([
    ['all days closed', closedWeek],
    ['one interval a day', week({ mon: [['09:00', '17:00']], sun: [['10:00', '14:00']] })],
    [
      'a split day',
      week({
        tue: [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
      }),
    ],
    [
      'touching intervals',
      week({
        tue: [
          ['09:00', '12:00'],
          ['12:00', '17:00'],
        ],
      }),
    ],
    [
      'intervals out of order',
      week({
        tue: [
          ['13:00', '17:00'],
          ['09:00', '12:00'],
        ],
      }),
    ],
    ['the edges of the day', week({ wed: [['00:00', '23:59']] })],
  ])('accepts %s', (_name, hours) => {
    expect(validateWeeklyHours(hours)).toEqual([]);
    expect(isWeeklyHours(hours)).toBe(true);
  });

  it.each([
    [
      'an overlap',
      withDay('tue', [
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '13:00' },
      ]),
      ['hours.tue[1]: overlaps 09:00–12:00'],
    ],
    [
      'an overlap listed before the interval it overlaps',
      withDay('tue', [
        { start: '11:00', end: '13:00' },
        { start: '09:00', end: '12:00' },
      ]),
      ['hours.tue[0]: overlaps 09:00–12:00'],
    ],
    [
      'an interval inside another',
      withDay('mon', [
        { start: '08:00', end: '18:00' },
        { start: '10:00', end: '11:00' },
        { start: '12:00', end: '13:00' },
      ]),
      ['hours.mon[1]: overlaps 08:00–18:00', 'hours.mon[2]: overlaps 08:00–18:00'],
    ],
    [
      'the same interval twice',
      withDay('fri', [
        { start: '09:00', end: '10:00' },
        { start: '09:00', end: '10:00' },
      ]),
      ['hours.fri[1]: overlaps 09:00–10:00'],
    ],
    [
      'a backwards interval',
      withDay('wed', [{ start: '17:00', end: '09:00' }]),
      ['hours.wed[0]: start 17:00 must be before end 09:00'],
    ],
    [
      'an empty interval',
      withDay('wed', [{ start: '09:00', end: '09:00' }]),
      ['hours.wed[0]: start 09:00 must be before end 09:00'],
    ],
    [
      'an unpadded hour',
      withDay('thu', [{ start: '9:00', end: '17:00' }]),
      ['hours.thu[0].start must be a time of day HH:MM between 00:00 and 23:59'],
    ],
    [
      '24:00',
      withDay('thu', [{ start: '09:00', end: '24:00' }]),
      ['hours.thu[0].end must be a time of day HH:MM between 00:00 and 23:59'],
    ],
    [
      'seconds',
      withDay('thu', [{ start: '09:00:00', end: '17:00' }]),
      ['hours.thu[0].start must be a time of day HH:MM between 00:00 and 23:59'],
    ],
    [
      'a number for a time',
      withDay('thu', [{ start: 900, end: '17:00' }]),
      ['hours.thu[0].start must be a time of day HH:MM between 00:00 and 23:59'],
    ],
    [
      'a missing end',
      withDay('thu', [{ start: '09:00' }]),
      ['hours.thu[0].end must be a time of day HH:MM between 00:00 and 23:59'],
    ],
    [
      'an unknown field in an interval',
      withDay('sat', [{ start: '09:00', end: '12:00', staff: 'x' }]),
      ['hours.sat[0].staff: unknown field; an interval has only start and end'],
    ],
    ['an interval that is not an object', withDay('sat', ['09:00-12:00']), ['hours.sat[0] must be an object {start, end}']],
    [
      'a day that is not an array',
      withDay('sun', { start: '09:00', end: '12:00' }),
      ['hours.sun must be an array of {start, end} intervals'],
    ],
    ['null for a day', withDay('sun', null), ['hours.sun must be an array of {start, end} intervals']],
    ['an unknown day', withDay('funday', []), ['hours.funday: not a day; the days are mon, tue, wed, thu, fri, sat, sun']],
    ['a missing day', withoutDay('sun'), ['hours.sun: missing; send [] for a closed day']],
    ['an array', [], ['hours must be an object with the keys mon, tue, wed, thu, fri, sat, sun']],
    ['null', null, ['hours must be an object with the keys mon, tue, wed, thu, fri, sat, sun']],
    ['a string', 'mon-fri 9-5', ['hours must be an object with the keys mon, tue, wed, thu, fri, sat, sun']],
  ])('rejects %s', (_name, hours, problems) => {
    expect(validateWeeklyHours(hours)).toEqual(problems);
    expect(isWeeklyHours(hours)).toBe(false);
  });

  it('reports every problem, under the field name it is given', () => {
    const hours = { ...withoutDay('mon'), tue: [{ start: '9:00', end: '12:00' }], holiday: [] };
    expect(validateWeeklyHours(hours, 'weekly')).toEqual([
      'weekly.holiday: not a day; the days are mon, tue, wed, thu, fri, sat, sun',
      'weekly.mon: missing; send [] for a closed day',
      'weekly.tue[0].start must be a time of day HH:MM between 00:00 and 23:59',
    ]);
  });
});

describe('validateOverride', () => {
  const on = (draft: Partial<OverrideDraft>): OverrideDraft => ({ date: '2026-03-10', kind: 'closed', ...draft });

  it.each([
    ['a whole-day closure', on({})],
    ['a whole-day closure with null times', on({ start: null, end: null })],
    ['a closed range', on({ start: '12:00', end: '13:00' })],
    ['an open range', on({ kind: 'open', start: '18:00', end: '20:00' })],
    ['a leap day', on({ date: '2028-02-29' })],
  ])('accepts %s', (_name, draft) => {
    expect(validateOverride(draft)).toEqual([]);
  });

  it.each([
    ['open without times', on({ kind: 'open' }), ['start and end are required when kind is open']],
    ['only a start', on({ start: '10:00' }), ['end is required when start is given']],
    ['only an end', on({ kind: 'open', end: '10:00' }), ['start is required when end is given']],
    ['start after end', on({ start: '14:00', end: '13:00' }), ['end must be after start (14:00)']],
    ['start equal to end', on({ kind: 'open', start: '14:00', end: '14:00' }), ['end must be after start (14:00)']],
    [
      'a badly formatted time',
      on({ start: '9:00', end: '10:00' }),
      ['start must be a time of day HH:MM between 00:00 and 23:59'],
    ],
    ['an impossible date', on({ date: '2026-02-30' }), ['date: 2026-02-30 is not a real date YYYY-MM-DD']],
    ['a non-leap February 29th', on({ date: '2027-02-29' }), ['date: 2027-02-29 is not a real date YYYY-MM-DD']],
    ['an unknown kind', on({ kind: 'holiday' as OverrideDraft['kind'] }), ['kind must be closed or open']],
  ])('rejects %s', (_name, draft, problems) => {
    expect(validateOverride(draft)).toEqual(problems);
  });
});

describe('validateDateRange', () => {
  it.each([
    ['one day', '2026-03-10', '2026-03-10', []],
    ['a year and a day', '2026-01-01', '2027-01-02', []],
    ['backwards', '2026-03-10', '2026-03-09', ['to must be on or after from (2026-03-10)']],
    ['too long', '2026-01-01', '2027-01-03', ['to must be at most 366 days after from (2026-01-01)']],
    ['an impossible date', '2026-02-30', '2026-03-01', ['from: 2026-02-30 is not a real date YYYY-MM-DD']],
  ])('%s', (_name, from, to, problems) => {
    expect(validateDateRange({ from, to }, 366)).toEqual(problems);
  });
});

describe('formats', () => {
  it.each([
    ['00:00', true],
    ['23:59', true],
    ['24:00', false],
    ['9:00', false],
    ['09:60', false],
    [' 09:00', false],
    [900, false],
  ])('isLocalTime(%p) is %p', (value, expected) => {
    expect(isLocalTime(value)).toBe(expected);
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-3-1', false],
    ['2026-03-01T00:00:00Z', false],
  ])('isLocalDate(%p) is %p', (value, expected) => {
    expect(isLocalDate(value)).toBe(expected);
  });
});

import { workingIntervals } from './working-intervals';
import type { ScheduleOverride } from './working-intervals';
import { week } from './test-fixtures';

const tuesday = '2026-03-10';
const hours = week({
  tue: [
    ['09:00', '12:00'],
    ['13:00', '17:00'],
  ],
});
const closed = (start: string | null, end: string | null, staffId: string | null = null): ScheduleOverride => ({
  date: tuesday,
  kind: 'closed',
  start,
  end,
  staffId,
});
const open = (start: string, end: string, staffId: string | null = null, date = tuesday): ScheduleOverride => ({
  date,
  kind: 'open',
  start,
  end,
  staffId,
});
const text = (intervals: Array<{ start: string; end: string }>) => intervals.map((i) => `${i.start}-${i.end}`);

describe('workingIntervals', () => {
  it.each([
    ['weekly hours alone', [], ['09:00-12:00', '13:00-17:00']],
    ['an open override filling the lunch gap merges all three', [open('12:00', '13:00')], ['09:00-17:00']],
    ['an open override overlapping the morning extends it', [open('08:00', '10:00')], ['08:00-12:00', '13:00-17:00']],
    ['a partial closure splits an interval', [closed('10:00', '11:00')], ['09:00-10:00', '11:00-12:00', '13:00-17:00']],
    ['a closure across the lunch gap trims both sides', [closed('11:00', '14:00')], ['09:00-11:00', '14:00-17:00']],
    ['a whole-day closure empties the day', [closed(null, null)], []],
    [
      'a closure beats an opening of the same time',
      [open('12:00', '13:00'), closed('11:30', '13:30')],
      ['09:00-11:30', '13:30-17:00'],
    ],
    [
      "another staff member's overrides do not count",
      [closed(null, null, 'bob'), open('18:00', '19:00', 'bob')],
      ['09:00-12:00', '13:00-17:00'],
    ],
    ["the staff member's own overrides count", [closed('09:00', '10:00', 'alice')], ['10:00-12:00', '13:00-17:00']],
    ['overrides of other dates do not count', [open('18:00', '19:00', null, '2026-03-11')], ['09:00-12:00', '13:00-17:00']],
  ] as Array<[string, ScheduleOverride[], string[]]>)('%s', (_name, overrides, expected) => {
    expect(text(workingIntervals({ date: tuesday, hours, overrides, staffId: 'alice' }))).toEqual(expected);
  });

  it('opens a day without weekly hours', () => {
    const sunday = '2026-03-15';
    expect(
      text(workingIntervals({ date: sunday, hours, overrides: [open('10:00', '12:00', null, sunday)], staffId: 'alice' })),
    ).toEqual(['10:00-12:00']);
  });

  it('ignores empty or inverted intervals', () => {
    const odd = week({
      tue: [
        ['12:00', '12:00'],
        ['15:00', '14:00'],
        ['09:00', '10:00'],
      ],
    });
    expect(text(workingIntervals({ date: tuesday, hours: odd, overrides: [], staffId: 'alice' }))).toEqual(['09:00-10:00']);
  });
});

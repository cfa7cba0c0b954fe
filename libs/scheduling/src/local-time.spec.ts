import { shiftLocalDate } from './local-time';

describe('shiftLocalDate', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-02-28', 1, '2028-02-29'],
    // A DST Sunday has no bearing: local dates carry no zone.
    ['2026-03-08', 1, '2026-03-09'],
    ['2026-11-27', 0, '2026-11-27'],
    ['2026-11-27', 400, '2028-01-01'],
  ])('%s shifted by %d days is %s', (date, days, expected) => {
    expect(shiftLocalDate(date, days)).toBe(expected);
  });

  it('refuses a date that is not one', () => {
    expect(() => shiftLocalDate('2026-02-30', 1)).toThrow(RangeError);
  });
});

import { blockedRange, leastBusyStaff, type LeastBusyQuery } from './assignment';

const NY = 'America/New_York';
const ORDER = ['alex', 'jordan', 'sam'];
const at = (iso: string) => new Date(iso);
const booked = (staffId: string, iso: string) => ({ staffId, start: at(iso) });

const pick = (query: Partial<LeastBusyQuery> & Pick<LeastBusyQuery, 'start'>) =>
  leastBusyStaff({ candidates: ['alex', 'jordan'], staffOrder: ORDER, bookings: [], timezone: NY, ...query });

describe('leastBusyStaff', () => {
  it.each<[string, Partial<LeastBusyQuery> & Pick<LeastBusyQuery, 'start'>, string]>([
    ['nobody booked: the first in staff order', { start: at('2026-11-24T15:00:00Z') }, 'alex'],
    [
      'the staff order breaks ties, not the candidates order',
      { candidates: ['jordan', 'alex'], start: at('2026-11-24T15:00:00Z') },
      'alex',
    ],
    [
      'the one with fewer bookings that day',
      { bookings: [booked('alex', '2026-11-24T14:00:00Z')], start: at('2026-11-24T15:00:00Z') },
      'jordan',
    ],
    [
      'a tie: the first in staff order',
      {
        bookings: [booked('alex', '2026-11-24T14:00:00Z'), booked('jordan', '2026-11-24T20:00:00Z')],
        start: at('2026-11-24T15:00:00Z'),
      },
      'alex',
    ],
    [
      'local days, not UTC days: 23:30 local (the next UTC day) counts, the evening before does not',
      {
        bookings: [
          booked('alex', '2026-11-25T04:30:00Z'),
          booked('alex', '2026-11-23T23:00:00Z'),
          booked('jordan', '2026-11-24T16:00:00Z'),
        ],
        start: at('2026-11-24T15:00:00Z'),
      },
      'alex',
    ],
    [
      'a busy non-candidate is never picked, however free',
      {
        candidates: ['jordan', 'sam'],
        bookings: [booked('sam', '2026-11-24T16:00:00Z'), booked('sam', '2026-11-24T17:00:00Z')],
        start: at('2026-11-24T15:00:00Z'),
      },
      'jordan',
    ],
    [
      'a candidate missing from the staff order is left out',
      { candidates: ['ghost', 'jordan'], start: at('2026-11-24T15:00:00Z') },
      'jordan',
    ],
    // 2026-03-08 springs forward: the local day runs 05:00Z to 04:00Z next day (23 hours).
    [
      'spring-forward day: 00:00 local is that day, 00:30 the next local day is not',
      {
        bookings: [
          booked('alex', '2026-03-08T05:00:00Z'),
          booked('jordan', '2026-03-09T04:30:00Z'),
          booked('jordan', '2026-03-08T04:59:00Z'),
        ],
        start: at('2026-03-08T15:00:00Z'),
      },
      'jordan',
    ],
    // 2026-11-01 falls back: the local day runs 04:00Z to 05:00Z next day (25 hours).
    [
      'fall-back day: 23:30 local (04:30Z the next day) still counts',
      {
        bookings: [booked('alex', '2026-11-02T04:30:00Z'), booked('jordan', '2026-11-01T03:59:00Z')],
        start: at('2026-11-01T15:00:00Z'),
      },
      'jordan',
    ],
    [
      'fall-back day: the repeated 01:30 counts once per booking, both on that day',
      {
        bookings: [
          booked('alex', '2026-11-01T05:30:00Z'),
          booked('alex', '2026-11-01T06:30:00Z'),
          booked('jordan', '2026-11-01T12:00:00Z'),
        ],
        start: at('2026-11-01T06:00:00Z'),
      },
      'jordan',
    ],
    [
      'the day is the tenant’s, far from UTC',
      {
        timezone: 'Pacific/Auckland',
        // 2026-11-24 10:00 in Auckland is 2026-11-23T21:00Z; the booking at 11:00Z on the 24th is Nov 25 there.
        bookings: [booked('alex', '2026-11-24T11:00:00Z'), booked('jordan', '2026-11-23T22:00:00Z')],
        start: at('2026-11-23T21:00:00Z'),
      },
      'alex',
    ],
  ])('%s', (_case, query, expected) => {
    expect(pick(query)).toBe(expected);
  });

  it('throws when no candidate is on the staff list', () => {
    expect(() => pick({ candidates: ['ghost'], start: at('2026-11-24T15:00:00Z') })).toThrow(RangeError);
  });
});

describe('blockedRange', () => {
  it.each([
    ['no buffers', '2026-11-24T15:00:00Z', '2026-11-24T15:30:00Z', 0, 0, '2026-11-24T15:00:00.000Z', '2026-11-24T15:30:00.000Z'],
    [
      'both buffers',
      '2026-11-24T15:00:00Z',
      '2026-11-24T15:30:00Z',
      10,
      15,
      '2026-11-24T14:50:00.000Z',
      '2026-11-24T15:45:00.000Z',
    ],
    ['only after', '2026-11-24T15:00:00Z', '2026-11-24T16:00:00Z', 0, 5, '2026-11-24T15:00:00.000Z', '2026-11-24T16:05:00.000Z'],
    // 06:00Z is 01:00 EST, the second 01:00 of the day: 45 minutes before is 01:15 EDT.
    [
      'across the fall-back hour, real minutes',
      '2026-11-01T06:00:00Z',
      '2026-11-01T06:30:00Z',
      45,
      45,
      '2026-11-01T05:15:00.000Z',
      '2026-11-01T07:15:00.000Z',
    ],
    [
      'across the spring-forward gap, real minutes',
      '2026-03-08T07:00:00Z',
      '2026-03-08T07:30:00Z',
      30,
      0,
      '2026-03-08T06:30:00.000Z',
      '2026-03-08T07:30:00.000Z',
    ],
  ])('%s', (_case, start, end, before, after, blockedStart, blockedEnd) => {
    const range = blockedRange(at(start), at(end), { bufferBeforeMinutes: before, bufferAfterMinutes: after });
    expect({ start: range.start.toISOString(), end: range.end.toISOString() }).toEqual({ start: blockedStart, end: blockedEnd });
  });

  it('leaves its arguments alone', () => {
    const start = at('2026-11-24T15:00:00Z');
    blockedRange(start, at('2026-11-24T15:30:00Z'), { bufferBeforeMinutes: 10, bufferAfterMinutes: 10 });
    expect(start.toISOString()).toBe('2026-11-24T15:00:00.000Z');
  });
});

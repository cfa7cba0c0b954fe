import { BOOKING_STATUSES, type BookingStatus } from '@frontdesk/contracts';
import {
  checkCustomerChange,
  checkTransition,
  customerCountDeltas,
  isActiveStatus,
  isHoldStatus,
  isLateCancel,
} from './booking-status';

const start = new Date('2026-12-01T15:00:00Z');
const before = new Date('2026-12-01T14:00:00Z');
const after = new Date('2026-12-01T15:30:00Z');

describe('checkTransition', () => {
  it.each<[BookingStatus, BookingStatus, Date, boolean]>([
    ['held', 'confirmed', before, true],
    ['held', 'pending_payment', before, true],
    ['held', 'expired', before, true],
    ['pending_payment', 'confirmed', before, true],
    ['pending_payment', 'expired', before, true],
    ['confirmed', 'cancelled', before, true],
    ['confirmed', 'completed', after, true],
    ['confirmed', 'no_show', after, true],
    ['confirmed', 'completed', before, false],
    ['confirmed', 'no_show', before, false],
    ['completed', 'no_show', after, true],
    ['no_show', 'completed', after, true],
    ['cancelled', 'confirmed', before, false],
    ['cancelled', 'completed', after, false],
    ['expired', 'confirmed', before, false],
    ['expired', 'held', before, false],
    ['confirmed', 'held', before, false],
    ['confirmed', 'confirmed', before, false],
    ['completed', 'cancelled', after, false],
  ])('%s → %s (now %s): allowed %s', (from, to, now, allowed) => {
    expect(checkTransition(from, to, start, now).ok).toBe(allowed);
  });

  it('explains a refusal', () => {
    expect(checkTransition('cancelled', 'confirmed', start, before)).toEqual({
      ok: false,
      reason: 'A cancelled booking cannot become confirmed',
    });
  });
});

describe('customerCountDeltas', () => {
  it.each<[BookingStatus, BookingStatus, { visits: number; cancellations: number; noShows: number }]>([
    ['confirmed', 'completed', { visits: 1, cancellations: 0, noShows: 0 }],
    ['confirmed', 'cancelled', { visits: 0, cancellations: 1, noShows: 0 }],
    ['confirmed', 'no_show', { visits: 0, cancellations: 0, noShows: 1 }],
    ['completed', 'no_show', { visits: -1, cancellations: 0, noShows: 1 }],
    ['held', 'expired', { visits: 0, cancellations: 0, noShows: 0 }],
  ])('%s → %s', (from, to, deltas) => {
    expect(customerCountDeltas(from, to)).toEqual(deltas);
  });
});

describe('checkCustomerChange', () => {
  const base = { status: 'confirmed' as BookingStatus, start, cancellationNoticeHours: 24 };
  it.each([
    ['two days ahead', new Date('2026-11-29T15:00:00Z'), { ok: true }],
    ['exactly at the notice boundary', new Date('2026-11-30T15:00:00Z'), { ok: true }],
    ['inside the notice window', new Date('2026-11-30T15:00:01Z'), { ok: false, reason: 'too_late' }],
    ['after the start', after, { ok: false, reason: 'expired' }],
  ])('%s', (_name, now, verdict) => {
    expect(checkCustomerChange({ ...base, now })).toEqual(verdict);
  });

  it('refuses a booking that is no longer active', () => {
    expect(checkCustomerChange({ ...base, status: 'cancelled', now: new Date('2026-11-20T00:00:00Z') })).toEqual({
      ok: false,
      reason: 'not_active',
    });
  });
});

describe('isHoldStatus', () => {
  it('is the active statuses that last only a while: held and pending payment', () => {
    expect(BOOKING_STATUSES.filter(isHoldStatus)).toEqual(['held', 'pending_payment']);
    expect(BOOKING_STATUSES.filter(isHoldStatus).every(isActiveStatus)).toBe(true);
  });
});

describe('isLateCancel', () => {
  const start = new Date('2026-03-10T15:00:00Z');
  it.each([
    ['a day and a minute ahead', '2026-03-09T14:59:00Z', false],
    ['exactly the notice ahead', '2026-03-09T15:00:00Z', false],
    ['a minute inside the notice', '2026-03-09T15:01:00Z', true],
    ['after the start', '2026-03-10T16:00:00Z', true],
  ])('%s with 24 h notice', (_, at, late) => {
    expect(isLateCancel(start, new Date(at), 24)).toBe(late);
  });
  it('never late without a notice before the start', () => {
    expect(isLateCancel(start, new Date('2026-03-10T14:59:00Z'), 0)).toBe(false);
  });
});

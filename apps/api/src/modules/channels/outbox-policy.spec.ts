import {
  afterFailure,
  MAX_DELIVERY_ATTEMPTS,
  MAX_RETRY_DELAY_MS,
  nextDeliveryStatus,
  replaceableBy,
  retryDelayMs,
  twilioDeliveryReport,
} from './outbox-policy';

describe('retryDelayMs', () => {
  it('doubles from 5 seconds and stops growing at 15 minutes', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(100)).toBe(MAX_RETRY_DELAY_MS);
  });
});

describe('afterFailure', () => {
  const now = new Date('2026-12-01T15:00:00.000Z');

  it('schedules a retry when nothing was sent', () => {
    expect(afterFailure('retry', 1, now)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-12-01T15:00:05.000Z') });
  });

  it(`gives up after ${MAX_DELIVERY_ATTEMPTS} attempts`, () => {
    expect(afterFailure('retry', MAX_DELIVERY_ATTEMPTS - 1, now).status).toBe('pending');
    expect(afterFailure('retry', MAX_DELIVERY_ATTEMPTS, now)).toEqual({ status: 'failed' });
  });

  it.each(['rejected', 'unknown'] as const)('never retries a %s send', (outcome) => {
    expect(afterFailure(outcome, 1, now)).toEqual({ status: 'failed' });
  });
});

describe('nextDeliveryStatus', () => {
  it.each([
    ['sent', 'delivered', 'delivered'],
    ['sent', 'read', 'read'],
    ['delivered', 'read', 'read'],
    ['read', 'delivered', null],
    ['delivered', 'sent', null],
    ['read', 'read', null],
    ['sent', 'failed', 'failed'],
    ['delivered', 'failed', null],
    ['failed', 'delivered', null],
    ['received', 'read', null],
  ] as const)('%s + report %s → %s', (current, reported, expected) => {
    expect(nextDeliveryStatus(current, reported)).toBe(expected);
  });
});

describe('replaceableBy', () => {
  it.each([
    ['sent', ['pending']],
    ['delivered', ['pending', 'sent']],
    ['read', ['pending', 'sent', 'delivered']],
    ['failed', ['sent']],
  ] as const)('a %s report replaces %j', (reported, expected) => {
    expect(replaceableBy(reported)).toEqual(expected);
  });
});

describe('twilioDeliveryReport', () => {
  it.each([
    ['queued', null],
    ['sending', null],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
    ['undelivered', 'failed'],
    ['failed', 'failed'],
    ['received', null],
  ])('%s → %s', (status, expected) => {
    expect(twilioDeliveryReport(status)).toBe(expected);
  });
});

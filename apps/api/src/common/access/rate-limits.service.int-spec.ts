import { DataSource } from 'typeorm';
import { TestApp } from '../../../../../test/harness';
import type { AppConfig } from '../../config/config';
import {
  LOGIN_FAILURES_PER_PAIR,
  LOGIN_FREE_FAILURES_PER_IP,
  LOGIN_IP_MAX_BACKOFF_SECONDS,
  LOGIN_PAIR_WINDOW_SECONDS,
  loginBackoffSeconds,
  RateLimits,
} from './rate-limits.service';

const OWNER = 'owner@example.test';
const A = '203.0.113.1';
const B = '198.51.100.2';

/** The 429 an attempt gets now, or null when it may go ahead. */
async function refusal(limits: RateLimits, email: string, ip: string) {
  try {
    await limits.assertLoginAllowed(email, ip);
    return null;
  } catch (error) {
    return error as { status: number; code: string; extra: { retryAfterSeconds: number } };
  }
}

async function fail(limits: RateLimits, email: string, ip: string, times: number) {
  for (let i = 0; i < times; i++) {
    expect(await refusal(limits, email, ip)).toBeNull();
    await limits.recordLoginFailure(email, ip);
  }
}

/** Moves the clock the limiters read (their counters live in Postgres, so only `Date` is faked). */
const advance = (ms: number) => jest.setSystemTime(Date.now() + ms);

let t: TestApp;
const limitsWith = (publicRateLimitPerMinute: number) =>
  new RateLimits({ publicRateLimitPerMinute } as AppConfig, t.app.get(DataSource));

beforeAll(async () => {
  t = await TestApp.start();
});
afterAll(() => t.close());
beforeEach(async () => {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
  await t.sql('delete from rate_limits');
});
afterEach(() => jest.useRealTimers());

describe('sign-in throttling', () => {
  let limits: RateLimits;
  beforeEach(() => {
    limits = limitsWith(0);
  });

  it('blocks an (email, IP) pair after its failures for the window, and nobody else', async () => {
    await fail(limits, OWNER, A, LOGIN_FAILURES_PER_PAIR);
    expect(await refusal(limits, OWNER, A)).toMatchObject({
      status: 429,
      code: 'rate_limited',
      extra: { retryAfterSeconds: LOGIN_PAIR_WINDOW_SECONDS },
    });
    expect(await refusal(limits, OWNER, B)).toBeNull();
    expect(await refusal(limits, 'someone-else@example.test', A)).toBeNull();
    advance(LOGIN_PAIR_WINDOW_SECONDS * 1000);
    expect(await refusal(limits, OWNER, A)).toBeNull();
  });

  it("clears a pair's failures on success, but not its IP's", async () => {
    await fail(limits, OWNER, A, LOGIN_FAILURES_PER_PAIR - 1);
    await limits.recordLoginSuccess(OWNER, A);
    await fail(limits, OWNER, A, LOGIN_FAILURES_PER_PAIR - 1);
    expect(await refusal(limits, OWNER, A)).toBeNull();
    // 8 failures from A so far: 2 more are free, the next makes A wait, success or not.
    await fail(limits, 'x@example.test', A, LOGIN_FREE_FAILURES_PER_IP - 2 * (LOGIN_FAILURES_PER_PAIR - 1));
    await limits.recordLoginSuccess(OWNER, A);
    await limits.recordLoginFailure('y@example.test', A);
    expect(await refusal(limits, OWNER, A)).toMatchObject({ status: 429 });
  });

  it('makes one IP guessing at many emails wait twice as long after every failure past the free ones', async () => {
    for (let i = 0; i < LOGIN_FREE_FAILURES_PER_IP; i++) await fail(limits, `guess-${i}@example.test`, A, 1);
    expect(await refusal(limits, 'next@example.test', A)).toBeNull();
    for (const seconds of [1, 2, 4, 8]) {
      await limits.recordLoginFailure(`guess-${seconds}s@example.test`, A);
      expect(await refusal(limits, 'next@example.test', A)).toMatchObject({ extra: { retryAfterSeconds: seconds } });
      expect(await refusal(limits, 'next@example.test', B)).toBeNull();
      advance(seconds * 1000 - 1);
      expect(await refusal(limits, 'next@example.test', A)).not.toBeNull();
      advance(1);
      expect(await refusal(limits, 'next@example.test', A)).toBeNull();
    }
  });

  it('caps the back-off', () => {
    expect([1, 2, 3, 10, 11, 40].map(loginBackoffSeconds)).toEqual([
      1,
      2,
      4,
      512,
      LOGIN_IP_MAX_BACKOFF_SECONDS,
      LOGIN_IP_MAX_BACKOFF_SECONDS,
    ]);
  });
});

describe('public request limit', () => {
  it('counts per client IP, and is off at 0', async () => {
    const limits = limitsWith(2);
    await limits.consumePublic(A);
    await limits.consumePublic(A);
    await expect(limits.consumePublic(A)).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
    await expect(limits.consumePublic(B)).resolves.toBeUndefined();
    const off = limitsWith(0);
    for (let i = 0; i < 5; i++) await off.consumePublic(A);
  });
});

describe('several processes', () => {
  it('share one budget: what one process counts, another refuses', async () => {
    const [first, second] = [limitsWith(2), limitsWith(2)];
    await first.consumePublic(A);
    await second.consumePublic(A);
    await expect(first.consumePublic(A)).rejects.toMatchObject({ status: 429 });
    await expect(second.consumePublic(A)).rejects.toMatchObject({ status: 429 });

    const [x, y] = [limitsWith(0), limitsWith(0)];
    for (let i = 0; i < LOGIN_FAILURES_PER_PAIR; i++) await (i % 2 ? x : y).recordLoginFailure(OWNER, B);
    expect(await refusal(x, OWNER, B)).toMatchObject({ status: 429 });
    expect(await refusal(y, OWNER, B)).toMatchObject({ status: 429 });
  });
});

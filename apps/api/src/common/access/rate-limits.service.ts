import { Inject, Injectable } from '@nestjs/common';
import { type RateLimiterAbstract, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AppError } from '../errors/app-error';

/** Failed sign-ins allowed for one email from one IP in `LOGIN_PAIR_WINDOW_SECONDS`; then that pair waits the window out. */
export const LOGIN_FAILURES_PER_PAIR = 5;
export const LOGIN_PAIR_WINDOW_SECONDS = 15 * 60;
/** Failed sign-ins one IP may make in a day (any emails) before each further one makes it wait. */
export const LOGIN_FREE_FAILURES_PER_IP = 10;
const LOGIN_IP_WINDOW_SECONDS = 24 * 60 * 60;
/** The back-off doubles with every failure past the free ones: 1 s, 2 s, 4 s, … up to this. */
export const LOGIN_IP_MAX_BACKOFF_SECONDS = 15 * 60;

/** The seconds one IP waits after its `excess`-th failure past the free ones. */
export const loginBackoffSeconds = (excess: number) => Math.min(2 ** (excess - 1), LOGIN_IP_MAX_BACKOFF_SECONDS);

const tooMany = (res: RateLimiterRes, message: string) =>
  new AppError(429, 'rate_limited', message, { retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) });

/**
 * Every counter lives in the `rate_limits` table (migration CreateRateLimits), reached through
 * the app's own pool, so N processes on one database enforce one budget, not N. The library's
 * expired-row cleanup stays on: one `DELETE … WHERE expire < now − 1 h` per limiter every 5 min.
 */
const createLimiter = (
  dataSource: DataSource,
  options: { keyPrefix: string; points: number; duration: number },
): RateLimiterAbstract =>
  new RateLimiterPostgres({
    ...options,
    storeClient: dataSource,
    storeType: 'typeorm',
    tableName: 'rate_limits',
    tableCreated: true,
  });

/** A key set with `block()` holds more points than the limiter allows until the block ends. */
async function blocked(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> {
  const res = await limiter.get(key);
  return res && res.consumedPoints > limiter.points ? res : null;
}

/**
 * The public request limit, and sign-in throttling that an attacker can neither step around nor
 * turn against the account's owner: failures count per (email, IP) pair, so a stranger guessing
 * from elsewhere cannot lock the owner out, and per IP with an exponential back-off, so one
 * source guessing at many emails slows itself down. A success clears only its own pair: the IP's
 * count stays, or signing in to an account of one's own would reset it.
 */
@Injectable()
export class RateLimits {
  private readonly publicRequests: RateLimiterAbstract | undefined;
  private readonly pairFailures: RateLimiterAbstract;
  private readonly ipFailures: RateLimiterAbstract;
  /** Only ever `block()`ed: a key here is an IP waiting out its back-off. */
  private readonly ipBackoff: RateLimiterAbstract;

  constructor(@Inject(APP_CONFIG) config: AppConfig, dataSource: DataSource) {
    this.pairFailures = createLimiter(dataSource, {
      keyPrefix: 'login_fail_email_ip',
      points: LOGIN_FAILURES_PER_PAIR,
      duration: LOGIN_PAIR_WINDOW_SECONDS,
    });
    this.ipFailures = createLimiter(dataSource, {
      keyPrefix: 'login_fail_ip',
      points: LOGIN_FREE_FAILURES_PER_IP,
      duration: LOGIN_IP_WINDOW_SECONDS,
    });
    this.ipBackoff = createLimiter(dataSource, { keyPrefix: 'login_backoff_ip', points: 1, duration: 1 });
    if (config.publicRateLimitPerMinute > 0) {
      this.publicRequests = createLimiter(dataSource, {
        keyPrefix: 'public_ip',
        points: config.publicRateLimitPerMinute,
        duration: 60,
      });
    }
  }

  async consumePublic(ip: string): Promise<void> {
    if (!this.publicRequests) return;
    try {
      await this.publicRequests.consume(ip);
    } catch (res) {
      if (res instanceof RateLimiterRes) throw tooMany(res, 'Too many requests; please slow down and try again shortly');
      throw res;
    }
  }

  /** Throws 429 while this email is blocked from this IP, or this IP is backing off. */
  async assertLoginAllowed(email: string, ip: string): Promise<void> {
    const res = (await blocked(this.pairFailures, pairKey(email, ip))) ?? (await blocked(this.ipBackoff, ip));
    if (res) throw tooMany(res, 'Too many failed sign-in attempts; try again later');
  }

  async recordLoginFailure(email: string, ip: string): Promise<void> {
    const key = pairKey(email, ip);
    const [pair, byIp] = await Promise.all([this.pairFailures.penalty(key, 1), this.ipFailures.penalty(ip, 1)]);
    const work: Promise<unknown>[] = [];
    if (pair.consumedPoints >= LOGIN_FAILURES_PER_PAIR) work.push(this.pairFailures.block(key, LOGIN_PAIR_WINDOW_SECONDS));
    const excess = byIp.consumedPoints - LOGIN_FREE_FAILURES_PER_IP;
    if (excess > 0) work.push(this.ipBackoff.block(ip, loginBackoffSeconds(excess)));
    await Promise.all(work);
  }

  async recordLoginSuccess(email: string, ip: string): Promise<void> {
    await this.pairFailures.delete(pairKey(email, ip));
  }
}

const pairKey = (email: string, ip: string) => `${email}|${ip}`;

import { Inject, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AppError } from '../errors/app-error';

const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Failed logins allowed per email, and per client IP, in one window before a lock-out. */
export const LOGIN_FAILURES_PER_EMAIL = 5;
export const LOGIN_FAILURES_PER_IP = 20;

const tooMany = (res: RateLimiterRes, message: string) =>
  new AppError(429, 'rate_limited', message, { retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) });

/**
 * In-process counters: each API process limits on its own, so N processes allow N times
 * the budget. Good enough against a single noisy client; a shared store is the next step.
 */
@Injectable()
export class RateLimits {
  private readonly publicRequests: RateLimiterMemory | undefined;
  private readonly loginFailuresByEmail = new RateLimiterMemory({
    points: LOGIN_FAILURES_PER_EMAIL,
    duration: LOGIN_WINDOW_SECONDS,
    blockDuration: LOGIN_WINDOW_SECONDS,
  });
  private readonly loginFailuresByIp = new RateLimiterMemory({
    points: LOGIN_FAILURES_PER_IP,
    duration: LOGIN_WINDOW_SECONDS,
    blockDuration: LOGIN_WINDOW_SECONDS,
  });

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.publicRateLimitPerMinute > 0) {
      this.publicRequests = new RateLimiterMemory({ points: config.publicRateLimitPerMinute, duration: 60 });
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

  /** Throws 429 while this email or IP is locked out after repeated failures. */
  async assertLoginAllowed(email: string, ip: string): Promise<void> {
    for (const [limiter, key] of [
      [this.loginFailuresByEmail, email],
      [this.loginFailuresByIp, ip],
    ] as const) {
      const res = await limiter.get(key);
      if (res && res.consumedPoints >= limiter.points) {
        throw tooMany(res, 'Too many failed sign-in attempts; try again later');
      }
    }
  }

  async recordLoginFailure(email: string, ip: string): Promise<void> {
    await Promise.all([this.loginFailuresByEmail.penalty(email, 1), this.loginFailuresByIp.penalty(ip, 1)]);
  }

  async recordLoginSuccess(email: string): Promise<void> {
    await this.loginFailuresByEmail.delete(email);
  }
}

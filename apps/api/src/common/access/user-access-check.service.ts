import { Inject, Injectable, Optional } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { Db, type UserAccess } from '../db/db.service';
import { AppError } from '../errors/app-error';
import type { AccessTokenClaims } from './access.guard';

/** What was read of a user; `access` null: the user no longer exists. */
interface Entry {
  access: UserAccess | null;
}

/** Users remembered at once; the least recently seen go first. */
const MAX_USERS = 10_000;

/** The cache's clock (milliseconds); unit tests pass their own instead of waiting. */
export const USER_CHECK_CLOCK = Symbol('USER_CHECK_CLOCK');
export interface Clock {
  now(): number;
}

/**
 * Checks an access token against its user as it is now: the user still exists and still has the
 * token's role and tenant. Tokens live for hours, so without this a deleted, demoted or moved
 * user would keep their access until it expired. What was read is trusted for
 * USER_CHECK_CACHE_SECONDS (at most a minute), so a change made elsewhere (another process, SQL)
 * takes effect within that; changes made through this process forget the entries they affect.
 */
@Injectable()
export class UserAccessCheck {
  private readonly cache: LRUCache<string, Entry> | undefined;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() @Inject(USER_CHECK_CLOCK) clock: Clock = performance,
  ) {
    if (config.userCheckCacheSeconds > 0) {
      this.cache = new LRUCache({ max: MAX_USERS, ttl: config.userCheckCacheSeconds * 1000, ttlResolution: 0, perf: clock });
    }
  }

  /** The user's current access; 401 when the user is gone or no longer what the token says. */
  async check(claims: AccessTokenClaims): Promise<UserAccess> {
    const { access } = await this.read(claims.sub);
    if (!access || access.role !== claims.role || access.tenantId !== claims.tid) {
      throw new AppError(401, 'unauthorized', 'Your account has changed since you signed in; sign in again');
    }
    return access;
  }

  /** Forgets what was read of this tenant's users (its status changed). */
  forgetTenant(tenantId: string): void {
    if (!this.cache) return;
    for (const [userId, entry] of this.cache.entries()) {
      if (entry.access?.tenantId === tenantId) this.cache.delete(userId);
    }
  }

  private async read(userId: string): Promise<Entry> {
    const cached = this.cache?.get(userId);
    if (cached) return cached;
    const entry = { access: await this.db.userAccess(userId) };
    this.cache?.set(userId, entry);
    return entry;
  }
}

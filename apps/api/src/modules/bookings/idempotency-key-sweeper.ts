import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Db } from '../../common/db/db.service';
import { Lifecycle } from '../../common/lifecycle/lifecycle.service';
import { IDEMPOTENCY_KEY_LIFETIME } from './idempotency-keys';

export const IDEMPOTENCY_SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Deletes idempotency keys past their lifetime. Expired keys are already ignored when met
 * (a new request with the key takes its row over); this only keeps the table small.
 */
@Injectable()
export class IdempotencyKeySweeper {
  private readonly logger = new Logger(IdempotencyKeySweeper.name);

  constructor(
    private readonly db: Db,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Interval(IDEMPOTENCY_SWEEP_INTERVAL_MS)
  sweep(): Promise<void> {
    return this.lifecycle.runJob(() => this.run());
  }

  private async run(): Promise<void> {
    try {
      const purged = await this.db.purgeIdempotencyKeys(IDEMPOTENCY_KEY_LIFETIME);
      if (purged > 0) this.logger.log(`Deleted ${purged} expired idempotency key(s)`);
    } catch (error) {
      this.logger.error(`Idempotency key sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

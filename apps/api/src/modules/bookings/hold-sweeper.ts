import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Db } from '../../common/db/db.service';
import { Lifecycle } from '../../common/lifecycle/lifecycle.service';
import { BookingsService } from './bookings.service';

export const HOLD_SWEEP_INTERVAL_MS = 15_000;
const BATCH = 500;

/**
 * Releases slots whose hold (or payment window) ran out. The work list comes from one narrow
 * cross-tenant read (`Db.staleHolds`); each booking is then expired as its tenant, under its
 * row lock, so several API processes sweeping at once expire each booking once.
 */
@Injectable()
export class HoldSweeper {
  private readonly logger = new Logger(HoldSweeper.name);

  constructor(
    private readonly db: Db,
    private readonly bookings: BookingsService,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Interval(HOLD_SWEEP_INTERVAL_MS)
  sweep(): Promise<void> {
    return this.lifecycle.runJob(() => this.run());
  }

  private async run(): Promise<void> {
    try {
      const expired = await this.expireStaleHolds();
      if (expired > 0) this.logger.log(`Expired ${expired} stale hold(s)`);
    } catch (error) {
      this.logger.error(`Hold sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Expires every hold that ran out; returns how many this call expired. */
  async expireStaleHolds(): Promise<number> {
    let expired = 0;
    for (const hold of await this.db.staleHolds(BATCH)) {
      if (await this.bookings.expireHold(hold.tenantId, hold.id)) expired++;
    }
    return expired;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { BookingsService } from './bookings.service';

export const HOLD_SWEEP_INTERVAL_MS = 15_000;

/** Releases slots whose hold ran out. Safe to run in every API process at once. */
@Injectable()
export class HoldSweeper {
  private readonly logger = new Logger(HoldSweeper.name);

  constructor(private readonly bookings: BookingsService) {}

  @Interval(HOLD_SWEEP_INTERVAL_MS)
  async sweep(): Promise<void> {
    try {
      const expired = await this.bookings.expireStaleHolds();
      if (expired > 0) this.logger.log(`Expired ${expired} stale hold(s)`);
    } catch (error) {
      this.logger.error(`Hold sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

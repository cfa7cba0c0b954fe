import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db/db.service';
import { Lifecycle } from '../../common/lifecycle/lifecycle.service';
import { BookingsService } from './bookings.service';

export const OUTCOME_SWEEP_INTERVAL_MS = 5 * 60_000;
/** A confirmed booking nobody marked becomes `completed` this long after its end (contract). */
export const AUTO_COMPLETE_AFTER_MS = 24 * 3_600_000;
const BATCH = 500;

/**
 * Completes confirmed bookings whose end passed more than a day ago. The work list comes from
 * one narrow cross-tenant read (`Db.finishedBookings`); each booking is then completed as its
 * tenant under its row lock, re-checked there, so several processes sweeping at once complete
 * each booking once and never overwrite a status someone set meanwhile.
 */
@Injectable()
export class OutcomeSweeper {
  private readonly logger = new Logger(OutcomeSweeper.name);

  constructor(
    private readonly db: Db,
    private readonly bookings: BookingsService,
    private readonly lifecycle: Lifecycle,
    private readonly clock: Clock,
  ) {}

  @Interval(OUTCOME_SWEEP_INTERVAL_MS)
  sweep(): Promise<void> {
    return this.lifecycle.runJob(() => this.run());
  }

  private async run(): Promise<void> {
    try {
      const completed = await this.completeFinished();
      if (completed > 0) this.logger.log(`Completed ${completed} finished booking(s)`);
    } catch (error) {
      this.logger.error(`Outcome sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Completes every booking that ended more than a day before `now`; returns how many this call completed. */
  async completeFinished(now = this.clock.now()): Promise<number> {
    const cutoff = new Date(now.getTime() - AUTO_COMPLETE_AFTER_MS);
    let completed = 0;
    for (
      let batch = await this.db.finishedBookings(cutoff, BATCH);
      batch.length > 0;
      batch = await this.db.finishedBookings(cutoff, BATCH)
    ) {
      let progressed = 0;
      for (const booking of batch) {
        if (await this.bookings.completeFinished(booking.tenantId, booking.id, cutoff)) progressed++;
      }
      completed += progressed;
      // Another process took this batch: leave the rest to the next tick rather than spin.
      if (progressed === 0) break;
    }
    return completed;
  }
}

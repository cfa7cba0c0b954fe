import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Db } from '../../common/db/db.service';
import { Lifecycle } from '../../common/lifecycle/lifecycle.service';

const SWEEP_INTERVAL_MS = 10 * 60_000;
/** A report waits this long for its send to be recorded (a send takes seconds; a lease lapses in a minute). */
const KEPT_FOR = '1 day';

/** Deletes delivery reports that came for a message never recorded as sent (not ours, or its send was lost). */
@Injectable()
export class EarlyDeliveryStatusSweeper {
  private readonly logger = new Logger(EarlyDeliveryStatusSweeper.name);

  constructor(
    private readonly db: Db,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Interval(SWEEP_INTERVAL_MS)
  sweep(): Promise<void> {
    return this.lifecycle.runJob(() => this.run());
  }

  private async run(): Promise<void> {
    try {
      const purged = await this.db.purgeEarlyDeliveryStatuses(KEPT_FOR);
      if (purged > 0) this.logger.log(`Deleted ${purged} delivery report(s) for messages never recorded`);
    } catch (error) {
      this.logger.error(`Delivery report sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

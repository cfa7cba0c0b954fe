import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { NoShowRiskView } from '@frontdesk/contracts';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db/db.service';
import { Lifecycle } from '../../common/lifecycle/lifecycle.service';
import { AuditService } from '../audit/audit.service';
import { refreshRisk, UNCONFIRMED_FROM_MS } from './booking-risk';

export const UNCONFIRMED_RISK_INTERVAL_NAME = 'unconfirmed-risk-sweep';
export const UNCONFIRMED_RISK_SWEEP_INTERVAL_MS = 30_000;
const BATCH = 500;

/**
 * Applies the no-show risk's "reminder not confirmed by T−2 h" input when that moment comes:
 * a confirmed booking starting within two hours whose customer got a reminder and has not
 * confirmed is scored again (`refreshRisk`, which then counts it unconfirmed), once for its
 * start. The work list comes from one narrow cross-tenant read (`Db.unconfirmedBookingsDue`);
 * each booking is then marked rescored for its start as its tenant by a guarded UPDATE, whose
 * row lock and re-checked conditions let exactly one of several processes sweeping at once do
 * it. A customer's later confirmation scores it again (`confirmAttendance`), without the factor.
 */
@Injectable()
export class UnconfirmedRiskSweeper {
  private readonly logger = new Logger(UnconfirmedRiskSweeper.name);

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly lifecycle: Lifecycle,
    private readonly clock: Clock,
  ) {}

  @Interval(UNCONFIRMED_RISK_INTERVAL_NAME, UNCONFIRMED_RISK_SWEEP_INTERVAL_MS)
  sweep(): Promise<void> {
    return this.lifecycle.runJob(() => this.run());
  }

  private async run(): Promise<void> {
    try {
      const rescored = await this.rescoreUnconfirmed();
      if (rescored > 0) this.logger.log(`Rescored ${rescored} booking(s) unconfirmed at T−2 h`);
    } catch (error) {
      this.logger.error(`Unconfirmed risk sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Rescores every booking due at `now`; returns how many this call rescored. */
  async rescoreUnconfirmed(now = this.clock.now()): Promise<number> {
    const startsBy = new Date(now.getTime() + UNCONFIRMED_FROM_MS);
    let rescored = 0;
    for (
      let batch = await this.db.unconfirmedBookingsDue(now, startsBy, BATCH);
      batch.length > 0;
      batch = await this.db.unconfirmedBookingsDue(now, startsBy, BATCH)
    ) {
      let progressed = 0;
      for (const booking of batch) {
        if (await this.rescore(booking.tenantId, booking.id, now, startsBy)) progressed++;
      }
      rescored += progressed;
      // Another process took this batch: leave the rest to the next tick rather than spin.
      if (progressed === 0) break;
    }
    return rescored;
  }

  /** Rescores one booking as its tenant; false when another process did, or it no longer qualifies. */
  private rescore(tenantId: string, id: string, now: Date, startsBy: Date): Promise<boolean> {
    return this.db.asTenant(tenantId, async (m) => {
      // The work list's conditions again, under the row lock (a reminder once sent stays sent);
      // the score it returns is the one before this rescoring. (A bare UPDATE … RETURNING would
      // come back from TypeORM as [rows, count]: selected from a CTE, it is the rows.)
      const claimed = await m.query<NoShowRiskView[]>(
        `with claimed as (
           update bookings set risk_rescored_for = start_at
            where id = $1 and status = 'confirmed' and customer_confirmed_at is null
              and start_at > $2 and start_at <= $3 and risk_rescored_for is distinct from start_at
            returning risk_score as score, risk_tier as tier, risk_reasons as reasons)
         select * from claimed`,
        [id, now, startsBy],
      );
      if (claimed.length === 0) return false;
      const after = (await refreshRisk(m, { bookingIds: [id] }, now)).get(id);
      await this.audit.record(m, {
        tenantId,
        action: 'booking.rescore_unconfirmed',
        entity: 'booking',
        entityId: id,
        before: { noShowRisk: claimed[0] },
        after: { noShowRisk: after },
      });
      return true;
    });
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { Db } from '../../common/db/db.service';
import { Lifecycle } from '../../common/lifecycle/lifecycle.service';
import { type CheckoutSession, type PaymentGateway, PAYMENT_GATEWAY } from '../payments/payment-gateway';
import { PaymentOutcomes } from './payment-outcomes';

export const PAYMENT_SWEEP_INTERVAL_MS = 20_000;
const BATCH = 100;

interface SessionRef {
  sessionId: string;
  account: string | null;
}

/**
 * Ends payment windows that ran out without Stripe telling us (`lapsed_payments`). Each
 * booking's session is first asked for at Stripe, outside any transaction: a payment whose
 * webhook never arrived confirms the booking, never gets lost. Otherwise the session is expired
 * at Stripe (so it cannot be paid after) and then the booking, as its tenant under its row lock;
 * a session that turned out paid meanwhile confirms instead. Several processes sweeping at once
 * settle each booking once: the second finds it no longer pending (and Stripe answers its
 * second expire with the session already expired).
 */
@Injectable()
export class PaymentSweeper {
  private readonly logger = new Logger(PaymentSweeper.name);

  constructor(
    private readonly db: Db,
    private readonly outcomes: PaymentOutcomes,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Interval(PAYMENT_SWEEP_INTERVAL_MS)
  sweep(): Promise<void> {
    return this.lifecycle.runJob(() => this.run());
  }

  private async run(): Promise<void> {
    try {
      const settled = await this.settleLapsed();
      if (settled.length > 0) this.logger.log(`Settled ${settled.length} lapsed payment window(s)`);
    } catch (error) {
      this.logger.error(`Payment sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Settles every lapsed payment window; returns what this call did to each booking it saw. */
  async settleLapsed(): Promise<string[]> {
    const outcomes: string[] = [];
    for (const lapsed of await this.db.lapsedPayments(BATCH)) {
      try {
        outcomes.push(await this.settle(lapsed.tenantId, lapsed.bookingId));
      } catch (error) {
        // Stripe unreachable for this one: it stays pending and the next sweep asks again.
        this.logger.warn(
          `Payment window of ${lapsed.bookingId} not settled: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    return outcomes;
  }

  private async settle(tenantId: string, bookingId: string): Promise<string> {
    const ref = await this.db.asTenant(tenantId, async (m) => {
      const [row] = await m.query<SessionRef[]>(
        `select checkout_session_id as "sessionId", stripe_account_id as account from payments
          where booking_id = $1 order by created_at desc limit 1`,
        [bookingId],
      );
      return row;
    });
    if (!ref) {
      // Its session was never recorded (Stripe failed when the booking was made): nothing to ask.
      return this.db.asTenant(tenantId, (m) => this.outcomes.lapsed(m, tenantId, null, bookingId));
    }
    let session = await this.gateway.retrieveCheckoutSession(ref.sessionId, ref.account);
    if (session.paymentStatus !== 'paid') session = await this.gateway.expireCheckoutSession(ref.sessionId, ref.account);
    const final: CheckoutSession = session;
    return this.db.asTenant(tenantId, (m) =>
      final.paymentStatus === 'paid' && final.paymentIntentId
        ? this.outcomes.paid(m, tenantId, {
            sessionId: final.id,
            bookingId,
            paymentIntentId: final.paymentIntentId,
            amountCents: final.amountTotalCents,
            currency: final.currency,
            account: ref.account,
          })
        : this.outcomes.lapsed(m, tenantId, final.id, bookingId),
    );
  }
}

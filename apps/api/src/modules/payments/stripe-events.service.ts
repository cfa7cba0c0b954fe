import { forwardRef, Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PaymentOutcomes } from '../bookings/payment-outcomes';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import type { GatewayEvent } from './payment-gateway';

/**
 * What each Stripe event does to one tenant's data. Runs inside the tenant's transaction that
 * also recorded the event, so an event is either recorded and handled, or neither (and Stripe's
 * retry handles it afresh). Handlers must be safe in any order and must not call the network:
 * whatever needs Stripe afterwards (a refund) is decided here, recorded, and done after commit.
 * Each returns the outcome stored with the event ("charges enabled", "ignored: …").
 */
@Injectable()
export class StripeEventsService {
  constructor(@Inject(forwardRef(() => PaymentOutcomes)) private readonly outcomes: PaymentOutcomes) {}

  handle(m: EntityManager, tenantId: string, event: GatewayEvent): Promise<string> {
    switch (event.type) {
      case 'account.updated':
        return this.accountUpdated(m, tenantId, event);
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
        return this.sessionPaid(m, tenantId, event);
      case 'checkout.session.expired':
      case 'checkout.session.async_payment_failed':
        return this.sessionLapsed(m, tenantId, event);
      default:
        return Promise.resolve(`ignored: ${event.type} is not used`);
    }
  }

  /** A paid session confirms its booking (or, late, is refunded); `completed` for a delayed method waits for its async event. */
  private async sessionPaid(m: EntityManager, tenantId: string, event: GatewayEvent): Promise<string> {
    const session = checkoutSessionOf(event);
    if (!session) return 'ignored: the event carries no booking session';
    const { object } = event;
    if (object.payment_status !== 'paid') return `ignored: payment_status is ${String(object.payment_status)}`;
    if (
      typeof object.payment_intent !== 'string' ||
      typeof object.amount_total !== 'number' ||
      typeof object.currency !== 'string'
    ) {
      return 'ignored: the paid session carries no payment intent or amount';
    }
    return this.outcomes.paid(m, tenantId, {
      ...session,
      paymentIntentId: object.payment_intent,
      amountCents: object.amount_total,
      currency: object.currency,
      account: event.account,
    });
  }

  private async sessionLapsed(m: EntityManager, tenantId: string, event: GatewayEvent): Promise<string> {
    const session = checkoutSessionOf(event);
    if (!session) return 'ignored: the event carries no booking session';
    return this.outcomes.lapsed(m, tenantId, session.sessionId, session.bookingId);
  }

  /** The connected account's `charges_enabled` decides whether deposits go to it (`mode: connect`). */
  private async accountUpdated(m: EntityManager, tenantId: string, event: GatewayEvent): Promise<string> {
    const account = event.object;
    if (account.object !== 'account' || typeof account.id !== 'string') return 'ignored: the event carries no account';
    // Stripe does not deliver in order: an older snapshot must not undo a newer one.
    const [newer] = await m.query<unknown[]>(
      `select 1 from stripe_events
        where tenant_id = $1 and type = 'account.updated' and account = $2 and id <> $3
          and (payload->>'created')::bigint > $4 and outcome not like 'ignored%'
        limit 1`,
      [tenantId, account.id, event.id, event.created],
    );
    if (newer) return 'ignored: a newer account.updated was applied';
    const chargesEnabled = account.charges_enabled === true;
    const result = await m.update(
      TenantEntity,
      { id: tenantId, stripeAccountId: account.id },
      { stripeChargesEnabled: chargesEnabled },
    );
    if (!result.affected) return `ignored: ${account.id} is not this business's connected account`;
    return chargesEnabled ? 'charges enabled' : 'charges disabled';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The session and the booking it is for (our metadata, or the client reference we set). */
function checkoutSessionOf(event: GatewayEvent): { sessionId: string; bookingId: string } | undefined {
  const { object } = event;
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const bookingId = typeof metadata.bookingId === 'string' ? metadata.bookingId : object.client_reference_id;
  if (object.object !== 'checkout.session' || typeof object.id !== 'string') return undefined;
  if (typeof bookingId !== 'string' || !UUID.test(bookingId)) return undefined;
  return { sessionId: object.id, bookingId };
}

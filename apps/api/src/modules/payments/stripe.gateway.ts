import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import {
  type CheckoutInput,
  type CheckoutPaymentStatus,
  type CheckoutSession,
  type CheckoutStatus,
  type ConnectedAccount,
  type CreatedCheckoutSession,
  type GatewayEvent,
  type OnboardingLink,
  type PaymentGateway,
  PaymentGatewayError,
  type Refund,
  type RefundInput,
  WebhookSignatureError,
} from './payment-gateway';

export const STRIPE_TIMEOUT_MS = 15_000;
/** stripe-node retries connection failures, 409s and 5xx with backoff, resending the same idempotency key. */
export const STRIPE_NETWORK_RETRIES = 2;
/** Stripe's own default: a signed event older than this is refused (replays). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The idempotency keys: the same thing always sends the same key. */
export const idempotencyKeys = {
  connectedAccount: (tenantId: string) => `frontdesk:account:${tenantId}`,
  checkout: (bookingId: string) => `frontdesk:checkout:${bookingId}`,
  refund: (paymentId: string) => `frontdesk:refund:${paymentId}`,
};

/** The platform's cut of a deposit on a connected account, rounded down to a minor unit. */
export function applicationFee(amountCents: number, feePercent: number): number {
  return Math.floor((amountCents * feePercent) / 100);
}

/** Stripe through stripe-node, pointed at `STRIPE_API_BASE_URL` (a local fake in tests). */
@Injectable()
export class StripeGateway implements PaymentGateway {
  readonly available: boolean;
  private readonly stripe: Stripe | undefined;
  /** One per webhook endpoint: Stripe signs the platform's events and connected accounts' events with different secrets. */
  private readonly webhookSecrets: string[];
  private readonly feePercent: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { secretKey, webhookSecret, apiBaseUrl, platformFeePercent } = config.stripe;
    this.available = secretKey !== undefined;
    this.webhookSecrets = (webhookSecret?.reveal() ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    this.feePercent = platformFeePercent;
    const https = apiBaseUrl.protocol === 'https:';
    this.stripe = secretKey
      ? new Stripe(secretKey.reveal(), {
          host: apiBaseUrl.hostname,
          port: apiBaseUrl.port || (https ? 443 : 80),
          protocol: https ? 'https' : 'http',
          timeout: STRIPE_TIMEOUT_MS,
          maxNetworkRetries: STRIPE_NETWORK_RETRIES,
          telemetry: false,
          appInfo: { name: 'Frontdesk' },
        })
      : undefined;
  }

  createConnectedAccount(input: { tenantId: string; country: string }): Promise<ConnectedAccount> {
    return this.call(async (stripe) =>
      toAccount(
        await stripe.accounts.create(
          { type: 'express', country: input.country, metadata: { tenantId: input.tenantId } },
          { idempotencyKey: idempotencyKeys.connectedAccount(input.tenantId) },
        ),
      ),
    );
  }

  createOnboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<OnboardingLink> {
    return this.call(async (stripe) => {
      const link = await stripe.accountLinks.create({
        account: input.accountId,
        type: 'account_onboarding',
        refresh_url: input.refreshUrl,
        return_url: input.returnUrl,
      });
      return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
    });
  }

  retrieveAccount(accountId: string): Promise<ConnectedAccount> {
    return this.call(async (stripe) => toAccount(await stripe.accounts.retrieve(accountId)));
  }

  createCheckoutSession(input: CheckoutInput): Promise<CreatedCheckoutSession> {
    const fee = input.account ? applicationFee(input.amountCents, this.feePercent) : 0;
    const metadata = { bookingId: input.bookingId, tenantId: input.tenantId };
    return this.call(async (stripe) => {
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: input.currency,
                unit_amount: input.amountCents,
                product_data: { name: input.description },
              },
            },
          ],
          expires_at: Math.floor(input.expiresAt.getTime() / 1000),
          client_reference_id: input.bookingId,
          metadata,
          payment_intent_data: { metadata, ...(fee > 0 ? { application_fee_amount: fee } : {}) },
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
        },
        { idempotencyKey: idempotencyKeys.checkout(input.bookingId), ...accountOption(input.account) },
      );
      const created = toSession(session, input.account);
      if (!created.url) throw new PaymentGatewayError('rejected', `Stripe made session ${session.id} without a Checkout URL`);
      return { ...created, url: created.url, applicationFeeCents: fee };
    });
  }

  retrieveCheckoutSession(sessionId: string, account: string | null): Promise<CheckoutSession> {
    return this.call(async (stripe) =>
      toSession(await stripe.checkout.sessions.retrieve(sessionId, {}, accountOption(account)), account),
    );
  }

  async expireCheckoutSession(sessionId: string, account: string | null): Promise<CheckoutSession> {
    try {
      return await this.call(async (stripe) =>
        toSession(await stripe.checkout.sessions.expire(sessionId, {}, accountOption(account)), account),
      );
    } catch (error) {
      // Stripe refuses to expire a session that is no longer open; what the caller wants to know is its state.
      if (!(error instanceof PaymentGatewayError) || error.kind !== 'rejected') throw error;
      const session = await this.retrieveCheckoutSession(sessionId, account);
      if (session.status === 'open') throw error;
      return session;
    }
  }

  createRefund(input: RefundInput): Promise<Refund> {
    return this.call(async (stripe) => {
      const refund = await stripe.refunds.create(
        {
          payment_intent: input.paymentIntentId,
          ...(input.amountCents === undefined ? {} : { amount: input.amountCents }),
          reason: 'requested_by_customer',
          metadata: { paymentId: input.paymentId, reason: input.reason },
        },
        { idempotencyKey: idempotencyKeys.refund(input.paymentId), ...accountOption(input.account) },
      );
      return { id: refund.id, amountCents: refund.amount, status: refund.status ?? 'pending' };
    });
  }

  verifyWebhook(rawBody: Buffer, signature: string | undefined): GatewayEvent {
    if (this.webhookSecrets.length === 0) throw new WebhookSignatureError('Stripe webhooks are not configured on this platform');
    if (!signature) throw new WebhookSignatureError('The Stripe-Signature header is missing');
    let event: Stripe.Event | undefined;
    let reason = 'unreadable';
    for (const secret of this.webhookSecrets) {
      try {
        event = Stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
        break;
      } catch (error) {
        reason = error instanceof Error ? error.message.split('\n')[0] : reason;
      }
    }
    if (!event) throw new WebhookSignatureError(`The Stripe-Signature does not match the body: ${reason}`);
    const payload = event as unknown as Record<string, unknown>;
    const data = payload.data as { object?: unknown } | undefined;
    const object = data && typeof data.object === 'object' && data.object !== null ? data.object : {};
    if (typeof event.id !== 'string' || typeof event.type !== 'string') {
      throw new WebhookSignatureError('The signed body is not a Stripe event');
    }
    return {
      id: event.id,
      type: event.type,
      account: typeof event.account === 'string' ? event.account : null,
      created: typeof event.created === 'number' ? event.created : 0,
      object: object as Record<string, unknown>,
      payload,
    };
  }

  /** Runs a Stripe call, turning whatever stripe-node throws into a PaymentGatewayError. */
  private async call<T>(work: (stripe: Stripe) => Promise<T>): Promise<T> {
    if (!this.stripe) throw new PaymentGatewayError('not_configured', 'Payments are not configured on this platform');
    try {
      return await work(this.stripe);
    } catch (error) {
      throw gatewayError(error);
    }
  }
}

const accountOption = (account: string | null) => (account ? { stripeAccount: account } : {});

function toAccount(account: Stripe.Account): ConnectedAccount {
  return {
    id: account.id,
    chargesEnabled: account.charges_enabled === true,
    detailsSubmitted: account.details_submitted === true,
  };
}

function toSession(session: Stripe.Checkout.Session, account: string | null): CheckoutSession {
  const intent = session.payment_intent;
  return {
    id: session.id,
    url: session.url ?? null,
    status: (session.status ?? 'open') as CheckoutStatus,
    paymentStatus: session.payment_status as CheckoutPaymentStatus,
    paymentIntentId: typeof intent === 'string' ? intent : (intent?.id ?? null),
    amountTotalCents: session.amount_total ?? 0,
    currency: session.currency ?? '',
    expiresAt: new Date(session.expires_at * 1000),
    bookingId: session.metadata?.bookingId ?? session.client_reference_id ?? null,
    tenantId: session.metadata?.tenantId ?? null,
    account,
  };
}

function gatewayError(error: unknown): PaymentGatewayError {
  if (error instanceof PaymentGatewayError) return error;
  if (!(error instanceof Stripe.errors.StripeError)) {
    return new PaymentGatewayError(
      'unreachable',
      `Stripe call failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const code = error.code ?? null;
  const say = (what: string) => `${what}: ${error.message}`;
  if (error instanceof Stripe.errors.StripeConnectionError) {
    return new PaymentGatewayError('unreachable', say('Stripe did not answer'), code);
  }
  // 409: a repeated key with other parameters, or the same request still in flight elsewhere.
  if (error instanceof Stripe.errors.StripeIdempotencyError || error.type === 'idempotency_error' || error.statusCode === 409) {
    return new PaymentGatewayError('conflict', say('Stripe refused a repeated request with other parameters'), code);
  }
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
    return new PaymentGatewayError('misconfigured', say('Stripe refused the platform credentials'), code);
  }
  if (error instanceof Stripe.errors.StripeRateLimitError || (error.statusCode ?? 0) >= 500) {
    return new PaymentGatewayError('unavailable', say('Stripe cannot take the request now'), code);
  }
  if (code === 'resource_missing' || error.statusCode === 404)
    return new PaymentGatewayError('not_found', say('Not found at Stripe'), code);
  return new PaymentGatewayError('rejected', say('Stripe refused the request'), code);
}

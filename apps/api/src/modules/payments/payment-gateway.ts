/**
 * The payment provider as Frontdesk needs it (the port; Stripe is its adapter). Every method
 * makes network calls: call them outside database transactions. Methods that create something
 * send an idempotency key derived from what they are about (the tenant, the booking, the
 * payment), so calling them again for the same thing, after a timeout or a crash, returns the
 * first result instead of making a second one.
 */
export interface PaymentGateway {
  /** False when the platform has no Stripe secret key: nothing may ask for a deposit. */
  readonly available: boolean;

  /** The tenant's Express connected account; the same tenant always gets the same account (for 24 h at Stripe). */
  createConnectedAccount(input: { tenantId: string; country: string }): Promise<ConnectedAccount>;
  /** A fresh, short-lived onboarding link for a connected account. */
  createOnboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<OnboardingLink>;
  retrieveAccount(accountId: string): Promise<ConnectedAccount>;

  /**
   * The Checkout page for a booking's deposit. The idempotency key is derived from the booking,
   * so the input must be the same every time for the same booking (pass the stored deadline,
   * not a fresh `now() + window`): a different input for a key already used is a `conflict`.
   */
  createCheckoutSession(input: CheckoutInput): Promise<CreatedCheckoutSession>;
  /** `account`: the connected account the session was made on, null for the platform. */
  retrieveCheckoutSession(sessionId: string, account: string | null): Promise<CheckoutSession>;
  /** Ends an open session so it can no longer be paid; a session already complete or expired is returned as it is. */
  expireCheckoutSession(sessionId: string, account: string | null): Promise<CheckoutSession>;

  /** Refunds a payment (in full unless `amountCents`); the key is derived from `paymentId`: never twice. */
  createRefund(input: RefundInput): Promise<Refund>;

  /** The event a webhook delivered, after checking its signature (300 s tolerance); throws WebhookSignatureError. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined): GatewayEvent;
}

export const PAYMENT_GATEWAY = Symbol('PAYMENT_GATEWAY');

export interface ConnectedAccount {
  id: string;
  chargesEnabled: boolean;
  detailsSubmitted: boolean;
}

export interface OnboardingLink {
  url: string;
  expiresAt: Date;
}

export interface CheckoutInput {
  tenantId: string;
  bookingId: string;
  /** The connected account to charge on (direct charge, with the platform fee), or null for the platform account. */
  account: string | null;
  /** Minor units, > 0. */
  amountCents: number;
  /** ISO 4217, lower case. */
  currency: string;
  /** What the customer sees on the Checkout page ("Deposit: Haircut, Sat 5 Dec 17:00"). */
  description: string;
  /** 30 minutes to 24 hours from now (Stripe's limits). */
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
}

export type CheckoutStatus = 'open' | 'complete' | 'expired';
export type CheckoutPaymentStatus = 'paid' | 'unpaid' | 'no_payment_required';

export interface CheckoutSession {
  id: string;
  /** The Checkout page; null once the session is complete or expired. */
  url: string | null;
  status: CheckoutStatus;
  paymentStatus: CheckoutPaymentStatus;
  paymentIntentId: string | null;
  amountTotalCents: number;
  currency: string;
  expiresAt: Date;
  bookingId: string | null;
  tenantId: string | null;
  account: string | null;
}

export interface CreatedCheckoutSession extends CheckoutSession {
  url: string;
  /** The platform's fee sent with it (0 on the platform account or with no fee configured). */
  applicationFeeCents: number;
}

export type RefundReason = 'timely_cancel' | 'owner' | 'late_payment';

export interface RefundInput {
  /** Our payments row: the refund's idempotency key. */
  paymentId: string;
  paymentIntentId: string;
  account: string | null;
  /** Omitted: whatever is left of the payment. */
  amountCents?: number;
  reason: RefundReason;
}

export interface Refund {
  id: string;
  amountCents: number;
  status: string;
}

/** A verified webhook event, reduced to what routing and handling it needs. */
export interface GatewayEvent {
  id: string;
  type: string;
  /** The connected account it happened on; null for the platform's own events. */
  account: string | null;
  /** Seconds since the epoch, when Stripe created it. */
  created: number;
  /** `data.object`. */
  object: Record<string, unknown>;
  /** The whole event as received, for the record. */
  payload: Record<string, unknown>;
}

/**
 * Why a gateway call failed:
 * - `not_configured`: no Stripe secret key (or webhook secret) on this platform;
 * - `unreachable`: no answer (network, timeout) after the client's retries; it may have happened,
 *   and calling again is safe (same idempotency key);
 * - `unavailable`: Stripe answered that it cannot now (5xx, rate limited); try again later;
 * - `not_found`: the object does not exist (on that account);
 * - `rejected`: Stripe refused the request as it is (bad parameters, account not ready, already refunded);
 * - `conflict`: the idempotency key was used before with other parameters;
 * - `misconfigured`: Stripe refused our credentials.
 */
export type PaymentGatewayErrorKind =
  'not_configured' | 'unreachable' | 'unavailable' | 'not_found' | 'rejected' | 'conflict' | 'misconfigured';

export class PaymentGatewayError extends Error {
  constructor(
    readonly kind: PaymentGatewayErrorKind,
    message: string,
    /** Stripe's error code (`resource_missing`, `charge_already_refunded`, …) when it gave one. */
    readonly providerCode: string | null = null,
  ) {
    super(message);
    this.name = 'PaymentGatewayError';
  }

  /** Whether the same call may succeed later. */
  get retryable(): boolean {
    return this.kind === 'unreachable' || this.kind === 'unavailable';
  }
}

/** A webhook whose signature is missing, wrong or too old, or that cannot be checked at all. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

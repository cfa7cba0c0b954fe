import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { FakeHttpServer, type FakeAnswer, type RecordedRequest } from './fake-http-server';

type Json = Record<string, any>;

/** What a Stripe request was, as the fake read it. */
export interface StripeCall {
  method: string;
  path: string;
  /** The form-encoded parameters, nested (`line_items[0][price_data][currency]` → objects). */
  params: Json;
  /** The connected account it acted on (`Stripe-Account`), or null for the platform. */
  account: string | null;
  idempotencyKey: string | null;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);
/** `/checkout/<session id>` (the hosted page) and `/checkout/<session id>/pay` (its button). */
const CHECKOUT_PAGE = /^\/checkout\/(cs_test_[0-9a-f]+)(\/pay)?$/;
const html = (status: number, content: string): FakeAnswer => ({
  status,
  body: `<!doctype html><html><head><title>Fake Stripe Checkout</title><link rel="icon" href="data:,"></head><body>${content}</body></html>`,
  raw: { headers: { 'content-type': 'text/html; charset=utf-8' } },
});
const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Stripe's form encoding read back: `line_items[0][price_data][currency]=usd` becomes
 * `{line_items: {0: {price_data: {currency: 'usd'}}}}` (list items keyed by their index).
 */
function parseForm(text: string): Json {
  const params: Json = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replaceAll(']', '').split('[');
    let node = params;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = node[part] ??= {};
    });
  }
  return params;
}

function stripeError(status: number, type: string, message: string, extra: Json = {}): FakeAnswer {
  return { status, body: { error: { type, message, ...extra } } };
}

/**
 * The parts of Stripe's API Frontdesk calls, wire-compatible with stripe-node pointed at it
 * (`host`/`port`/`protocol`): connected accounts and onboarding links, Checkout Sessions
 * (create, retrieve, expire), refunds. Objects live per account (`Stripe-Account`), so a
 * session made on one connected account is not found on another. `Idempotency-Key` is honoured
 * as Stripe does: the same key replays the first answer, with other parameters it is a 400
 * `idempotency_error`. Tests settle sessions with `pay`/`expire` and sign events with
 * stripe-node's own `generateTestHeaderString`.
 */
export class FakeStripe extends FakeHttpServer {
  readonly calls: StripeCall[] = [];
  readonly secretKey = `sk_test_${randomBytes(16).toString('hex')}`;
  readonly webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  private readonly objects = new Map<string, { account: string | null; object: Json }>();
  private readonly replays = new Map<string, { params: string; answer: FakeAnswer }>();
  private readonly signer = new Stripe('sk_test_signer');
  /**
   * Where the hosted Checkout page posts its signed events (the app's base URL); unset, the page
   * still pays the session but tells nobody, as a Stripe account without a webhook endpoint.
   */
  webhookTarget: string | null = null;

  override reset(): void {
    super.reset();
    this.calls.length = 0;
  }

  /** The configuration that points the app at this server. */
  env(): Record<string, string> {
    return { STRIPE_SECRET_KEY: this.secretKey, STRIPE_WEBHOOK_SECRET: this.webhookSecret, STRIPE_API_BASE_URL: this.url };
  }

  callsTo(method: string, path: RegExp): StripeCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  object(objectId: string): Json | undefined {
    return this.objects.get(objectId)?.object;
  }

  /** Every object the fake holds of one kind (`account`, `checkout.session`, `refund`, …), oldest first. */
  objectsOf(kind: string): Json[] {
    return [...this.objects.values()].map((entry) => entry.object).filter((object) => object.object === kind);
  }

  /** The customer pays a session: complete and paid, with a payment intent. */
  pay(sessionId: string): Json {
    const session = this.mustFind(sessionId);
    session.status = 'complete';
    session.payment_status = 'paid';
    session.payment_intent = id('pi');
    this.store(session.payment_intent, this.objects.get(sessionId)!.account, {
      id: session.payment_intent,
      object: 'payment_intent',
      amount: session.amount_total,
      amount_received: session.amount_total,
      currency: session.currency,
      status: 'succeeded',
    });
    return session;
  }

  /** The session's time ran out at Stripe. */
  expire(sessionId: string): Json {
    const session = this.mustFind(sessionId);
    session.status = 'expired';
    return session;
  }

  /** A connected account finished (or lost) onboarding. */
  setChargesEnabled(accountId: string, enabled: boolean): Json {
    const account = this.mustFind(accountId);
    account.charges_enabled = enabled;
    account.details_submitted = enabled;
    return account;
  }

  /** An event as Stripe sends it, about a copy of `object`; `account` for a connected account's event. */
  event(type: string, object: Json, account: string | null = null): Json {
    return {
      id: id('evt'),
      object: 'event',
      api_version: '2025-01-27.acacia',
      created: now(),
      livemode: false,
      pending_webhooks: 1,
      type,
      data: { object: structuredClone(object) },
      ...(account ? { account } : {}),
    };
  }

  /** The raw body and `Stripe-Signature` header of an event, signed with the webhook secret (or another). */
  sign(event: Json, options: { secret?: string; timestamp?: number } = {}): { payload: string; signature: string } {
    const payload = JSON.stringify(event);
    const signature = this.signer.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? this.webhookSecret,
      ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
    });
    return { payload, signature };
  }

  protected authenticate(request: RecordedRequest): FakeAnswer | null {
    // The hosted Checkout page is a customer's browser talking, not the API: no key.
    if (CHECKOUT_PAGE.test(request.url.split('?')[0])) return null;
    if (request.headers.authorization !== `Bearer ${this.secretKey}`) {
      return stripeError(401, 'invalid_request_error', 'Invalid API Key provided');
    }
    return null;
  }

  protected failure(status: number): unknown {
    return { error: { type: 'api_error', message: `Fake Stripe failure (${status})` } };
  }

  protected answer(request: RecordedRequest): FakeAnswer | Promise<FakeAnswer> {
    const [path, query = ''] = request.url.split('?');
    const page = CHECKOUT_PAGE.exec(path);
    if (page) return this.checkoutPage(request.method, page[1], page[2] === '/pay');
    const params = parseForm(request.method === 'GET' ? query : request.body);
    const account = typeof request.headers['stripe-account'] === 'string' ? request.headers['stripe-account'] : null;
    const idempotencyKey = typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : null;
    this.calls.push({ method: request.method, path, params, account, idempotencyKey });
    if (request.method !== 'POST' || !idempotencyKey) return this.route(request.method, path, params, account);

    const replayKey = `${account ?? 'platform'} ${idempotencyKey}`;
    const first = this.replays.get(replayKey);
    const signature = `${request.method} ${path} ${request.body}`;
    if (first) {
      if (first.params !== signature) {
        return stripeError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        );
      }
      return first.answer;
    }
    const answer = this.route(request.method, path, params, account);
    if (answer.status < 500) this.replays.set(replayKey, { params: signature, answer });
    return answer;
  }

  /**
   * Stripe's hosted Checkout, reduced to a Pay button: paying completes the session, posts a
   * signed `checkout.session.completed` to the app's /webhooks/stripe (as Stripe does before the
   * customer is back) and redirects to the session's `success_url`.
   */
  private async checkoutPage(method: string, sessionId: string, paying: boolean): Promise<FakeAnswer> {
    const entry = this.objects.get(sessionId);
    if (!entry || entry.object.object !== 'checkout.session') return html(404, '<h1>No such checkout session</h1>');
    const session = entry.object;
    if (!paying && method === 'GET') {
      const amount = `${(Number(session.amount_total) / 100).toFixed(2)} ${String(session.currency).toUpperCase()}`;
      return html(
        200,
        `<h1>Fake Stripe Checkout</h1><p>Pay ${amount}</p>` +
          `<form method="post" action="/checkout/${sessionId}/pay"><button type="submit">Pay ${amount}</button></form>` +
          (session.cancel_url ? `<p><a href="${escapeHtml(String(session.cancel_url))}">Back</a></p>` : ''),
      );
    }
    if (!paying || method !== 'POST' || session.status !== 'open') return html(409, '<h1>This checkout session is not open</h1>');
    this.pay(sessionId);
    if (this.webhookTarget) {
      const { payload, signature } = this.sign(this.event('checkout.session.completed', session, entry.account));
      const delivered = await fetch(`${this.webhookTarget}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: payload,
      });
      if (!delivered.ok) return html(502, `<h1>The webhook answered ${delivered.status}</h1>`);
    }
    return { status: 303, body: '', raw: { headers: { location: String(session.success_url) } } };
  }

  private route(method: string, path: string, params: Json, account: string | null): FakeAnswer {
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/accounts') return this.createAccount(params);
    if (method === 'GET' && (match = /^\/v1\/accounts\/([^/]+)$/.exec(path))) return this.retrieve(match[1], null, 'account');
    if (method === 'POST' && path === '/v1/account_links') return this.createAccountLink(params);
    if (method === 'POST' && path === '/v1/checkout/sessions') return this.createSession(params, account);
    if (method === 'GET' && (match = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path))) {
      return this.retrieve(match[1], account, 'checkout session');
    }
    if (method === 'POST' && (match = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path))) {
      return this.expireSession(match[1], account);
    }
    if (method === 'POST' && path === '/v1/refunds') return this.createRefund(params, account);
    return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  private createAccount(params: Json): FakeAnswer {
    if (params.type !== 'express')
      return stripeError(400, 'invalid_request_error', 'The fake only makes Express accounts', { param: 'type' });
    const account = {
      id: id('acct').replace('_test', ''),
      object: 'account',
      type: 'express',
      charges_enabled: false,
      details_submitted: false,
      payouts_enabled: false,
      country: params.country ?? 'US',
      email: params.email ?? null,
      metadata: params.metadata ?? {},
      created: now(),
    };
    this.store(account.id, null, account);
    return { status: 200, body: account };
  }

  private createAccountLink(params: Json): FakeAnswer {
    if (!this.objects.has(params.account)) return this.missing('account', params.account, 'account');
    for (const field of ['refresh_url', 'return_url', 'type']) {
      if (typeof params[field] !== 'string')
        return stripeError(400, 'invalid_request_error', `Missing required param: ${field}.`, { param: field });
    }
    return {
      status: 200,
      body: {
        object: 'account_link',
        created: now(),
        expires_at: now() + 300,
        url: `${this.url}/connect/onboarding/${params.account}`,
      },
    };
  }

  private createSession(params: Json, account: string | null): FakeAnswer {
    const item = params.line_items?.[0];
    const unitAmount = Number(item?.price_data?.unit_amount);
    const expiresAt = Number(params.expires_at);
    if (params.mode !== 'payment' || !item || !Number.isInteger(unitAmount) || unitAmount <= 0) {
      return stripeError(400, 'invalid_request_error', 'A payment session needs one line item with a positive unit_amount', {
        param: 'line_items',
      });
    }
    if (!Number.isInteger(expiresAt) || expiresAt < now() + 30 * 60 || expiresAt > now() + 24 * 3600) {
      return stripeError(400, 'invalid_request_error', 'expires_at must be between 30 minutes and 24 hours from now', {
        param: 'expires_at',
      });
    }
    if (account && !this.objects.get(account)?.object.charges_enabled) {
      return stripeError(400, 'invalid_request_error', 'The connected account cannot make charges yet', {
        code: 'account_invalid',
      });
    }
    const quantity = Number(item.quantity ?? 1);
    const sessionId = id('cs');
    const session = {
      id: sessionId,
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      url: `${this.url}/checkout/${sessionId}`,
      amount_total: unitAmount * quantity,
      currency: item.price_data.currency,
      client_reference_id: params.client_reference_id ?? null,
      metadata: params.metadata ?? {},
      payment_intent: null,
      payment_intent_data: params.payment_intent_data ?? null,
      success_url: params.success_url ?? null,
      cancel_url: params.cancel_url ?? null,
      expires_at: expiresAt,
      created: now(),
      livemode: false,
    };
    this.store(sessionId, account, session);
    return { status: 200, body: session };
  }

  private expireSession(sessionId: string, account: string | null): FakeAnswer {
    const found = this.find(sessionId, account);
    if (!found) return this.missing('checkout session', sessionId, 'session');
    if (found.status !== 'open') {
      return stripeError(
        400,
        'invalid_request_error',
        `Only Checkout Sessions with a status of \`open\` can be expired. This Checkout Session has a status of \`${found.status}\`.`,
      );
    }
    found.status = 'expired';
    return { status: 200, body: found };
  }

  private createRefund(params: Json, account: string | null): FakeAnswer {
    const intent = this.find(params.payment_intent, account);
    if (!intent) return this.missing('payment_intent', params.payment_intent, 'payment_intent');
    const refunded = Number(intent.amount_refunded ?? 0);
    const amount = params.amount === undefined ? intent.amount - refunded : Number(params.amount);
    if (amount <= 0 || refunded + amount > intent.amount) {
      return stripeError(400, 'invalid_request_error', `Charge for ${intent.id} has already been refunded.`, {
        code: 'charge_already_refunded',
      });
    }
    intent.amount_refunded = refunded + amount;
    const refund = {
      id: id('re'),
      object: 'refund',
      amount,
      currency: intent.currency,
      payment_intent: intent.id,
      status: 'succeeded',
      reason: params.reason ?? null,
      metadata: params.metadata ?? {},
      created: now(),
    };
    this.store(refund.id, account, refund);
    return { status: 200, body: refund };
  }

  private store(objectId: string, account: string | null, object: Json): void {
    this.objects.set(objectId, { account, object });
  }

  private find(objectId: unknown, account: string | null): Json | undefined {
    const found = typeof objectId === 'string' ? this.objects.get(objectId) : undefined;
    return found && found.account === account ? found.object : undefined;
  }

  private mustFind(objectId: string): Json {
    const found = this.objects.get(objectId);
    if (!found) throw new Error(`The fake Stripe has no ${objectId}`);
    return found.object;
  }

  private retrieve(objectId: string, account: string | null, kind: string): FakeAnswer {
    const found = this.find(objectId, account);
    return found ? { status: 200, body: found } : this.missing(kind, objectId, 'id');
  }

  private missing(kind: string, objectId: unknown, param: string): FakeAnswer {
    return stripeError(404, 'invalid_request_error', `No such ${kind}: '${String(objectId)}'`, {
      code: 'resource_missing',
      param,
    });
  }
}

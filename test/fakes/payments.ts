import { DEFAULT_DEPOSIT_SETTINGS, type DepositSettings } from '@frontdesk/contracts';
import { TestApp, type TestResponse } from '../harness';
import { FakeStripe } from './fake-stripe';

export const PUBLIC_BASE_URL = 'https://frontdesk.example';
export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

/** Deposit settings asking $10 of every booking, refunded on a timely cancellation. */
export const FIXED_DEPOSIT: DepositSettings = {
  ...DEFAULT_DEPOSIT_SETTINGS,
  enabled: true,
  default: { type: 'fixed', amountCents: 1000 },
};

export interface PaymentsTestApp {
  t: TestApp;
  stripe: FakeStripe;
  stop(): Promise<void>;
}

/** The app wired to a fake Stripe (stripe-node in the app talks to it over HTTP); `env` may depend on the fake. */
export async function startPaymentsApp(
  env: Record<string, string> | ((stripe: FakeStripe) => Record<string, string>) = {},
): Promise<PaymentsTestApp> {
  const stripe = await new FakeStripe().start();
  const t = await TestApp.start({ PUBLIC_BASE_URL, ...stripe.env(), ...(typeof env === 'function' ? env(stripe) : env) });
  return {
    t,
    stripe,
    async stop() {
      await t.close();
      await stripe.stop();
    },
  };
}

/**
 * Posts an event the way Stripe does: the JSON body signed with the webhook secret.
 * `signature: null` sends none; a string sends that one.
 */
export function postStripeEvent(
  p: PaymentsTestApp,
  event: Record<string, unknown>,
  options: { signature?: string | null; secret?: string; timestamp?: number } = {},
): Promise<TestResponse> {
  const signed = p.stripe.sign(event, { secret: options.secret, timestamp: options.timestamp });
  const signature = options.signature === undefined ? signed.signature : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (signature !== null) headers['stripe-signature'] = signature;
  return p.t.request('POST', STRIPE_WEBHOOK_PATH, { payload: signed.payload, headers });
}

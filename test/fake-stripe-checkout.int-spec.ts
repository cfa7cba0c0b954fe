import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { StripeGateway } from '../apps/api/src/modules/payments/stripe.gateway';
import { FakeStripe } from './fakes/fake-stripe';
import { testConfig } from './harness';

/** The fake's hosted Checkout page, which the browser test relies on: pay, signed webhook, redirect. */
describe('FakeStripe hosted Checkout page', () => {
  let stripe: FakeStripe;
  let app: Server;
  const received: { body: string; signature: string }[] = [];

  beforeAll(async () => {
    stripe = await new FakeStripe().start();
    app = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['stripe-signature']) });
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    stripe.webhookTarget = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await stripe.stop();
    await new Promise((resolve) => app.close(resolve));
  });

  it('shows a Pay button; paying completes the session, posts a signed completed event and redirects to success_url', async () => {
    const gateway = new StripeGateway(testConfig(stripe.env()));
    const bookingId = randomUUID();
    const session = await gateway.createCheckoutSession({
      tenantId: randomUUID(),
      bookingId,
      account: null,
      amountCents: 1000,
      currency: 'usd',
      description: 'Deposit',
      expiresAt: new Date(Math.floor(Date.now() / 1000 + 45 * 60) * 1000),
      successUrl: 'https://frontdesk.example/manage/tok?payment=success',
      cancelUrl: 'https://frontdesk.example/manage/tok?payment=cancelled',
    });

    const page = await fetch(session.url);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const action = /<form method="post" action="([^"]+)"><button type="submit">Pay 10\.00 USD<\/button>/.exec(html);
    expect(action).not.toBeNull();

    const paid = await fetch(`${stripe.url}${action![1]}`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe('https://frontdesk.example/manage/tok?payment=success');

    expect(received).toHaveLength(1);
    const event = new Stripe('sk_test_x').webhooks.constructEvent(received[0].body, received[0].signature, stripe.webhookSecret);
    expect(event.type).toBe('checkout.session.completed');
    expect(event.data.object).toMatchObject({
      id: session.id,
      payment_status: 'paid',
      status: 'complete',
      client_reference_id: bookingId,
    });

    // Paid once: the page refuses a second payment.
    expect((await fetch(`${stripe.url}${action![1]}`, { method: 'POST', redirect: 'manual' })).status).toBe(409);
  });
});

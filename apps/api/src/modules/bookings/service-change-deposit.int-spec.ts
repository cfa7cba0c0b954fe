import { bookableTenant, type BookableTenant, customer } from '../../../../../test/booking-fixtures';
import { FIXED_DEPOSIT, type PaymentsTestApp, postStripeEvent, startPaymentsApp } from '../../../../../test/fakes/payments';

// Changing the service of a booking that holds a deposit: the deposit held is kept when it
// covers the new service's rule, and the change is refused when the rule asks for more.

describe('changing the service of a booking with a deposit', () => {
  let p: PaymentsTestApp;
  let a: BookableTenant;
  let cheaper: string;
  let dearer: string;
  let day = 2;

  const createService = async (body: Record<string, unknown>) => {
    const res = await p.t.request('POST', '/api/v1/services', { token: a.ownerToken, body });
    if (res.status !== 201) throw new Error(`service refused: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };

  beforeAll(async () => {
    p = await startPaymentsApp();
    a = await bookableTenant(p.t);
    const res = await p.t.request('PUT', '/api/v1/settings/deposits', { token: a.ownerToken, body: FIXED_DEPOSIT });
    if (res.status !== 200) throw new Error(`deposit settings refused: ${JSON.stringify(res.body)}`);
    cheaper = await createService({ name: 'Beard Trim', durationMinutes: 20, priceCents: 2000, deposit: { type: 'none' } });
    dearer = await createService({
      name: 'Colour',
      durationMinutes: 60,
      priceCents: 8000,
      deposit: { type: 'fixed', amountCents: 4000 },
    });
  });
  afterAll(() => p.stop());

  /** A customer's booking of the haircut whose 10.00 deposit is paid. */
  const paidBooking = async () => {
    const start = a.at(a.day(day++), '10:00');
    const res = await p.t.request('POST', `/api/v1/public/${a.tenant.slug}/bookings`, {
      body: { serviceId: a.serviceId, start, customer: customer() },
    });
    expect(res.body).toMatchObject({ status: 'pending_payment', depositCents: 1000 });
    const [session] = await p.t.sql<{ checkout_session_id: string }>(
      'select checkout_session_id from payments where booking_id = $1',
      [res.body.id],
    );
    const paid = p.stripe.event('checkout.session.completed', p.stripe.pay(session.checkout_session_id));
    expect((await postStripeEvent(p, paid)).status).toBe(200);
    return { id: res.body.id as string, start, manageUrl: res.body.manageUrl as string };
  };
  const change = (id: string, body: Record<string, unknown>) =>
    p.t.request('POST', `/api/v1/bookings/${id}/reschedule`, { token: a.ownerToken, body });

  it('keeps the deposit held when the new service asks for no more', async () => {
    const booking = await paidBooking();
    const res = await change(booking.id, { serviceId: cheaper });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ serviceId: cheaper, status: 'confirmed', paymentStatus: 'paid', depositCents: 1000 });
  });

  it('refuses a service whose deposit is larger than the one paid with 409 deposit_required, changing nothing', async () => {
    const booking = await paidBooking();
    const res = await change(booking.id, { serviceId: dearer });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'deposit_required', depositCents: 4000, heldCents: 1000 });
    const [row] = await p.t.sql<{ service_id: string }>('select service_id from bookings where id = $1', [booking.id]);
    expect(row.service_id).toBe(a.serviceId);
    // The customer's link is refused the same way.
    const token = booking.manageUrl.split('/manage/')[1];
    const viaLink = await p.t.request('POST', `/api/v1/public/manage/${token}/reschedule`, { body: { serviceId: dearer } });
    expect(viaLink.status).toBe(409);
    expect(viaLink.body.code).toBe('deposit_required');
  });

  it('refuses to change the service of a booking still waiting for its deposit', async () => {
    const res = await p.t.request('POST', `/api/v1/public/${a.tenant.slug}/bookings`, {
      body: { serviceId: a.serviceId, start: a.at(a.day(day++), '10:00'), customer: customer() },
    });
    expect(res.body.status).toBe('pending_payment');
    const refused = await change(res.body.id, { serviceId: cheaper });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict');
  });
});

import { type BookableTenant, bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

describe('manage links', () => {
  let t: TestApp;
  let b: BookableTenant;
  const tokenOf = (manageUrl: string) => manageUrl.split('/manage/')[1];
  const bookAt = async (dayOffset: number, time: string, staff = 0) => {
    const res = await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: { serviceId: b.serviceId, start: b.at(b.day(dayOffset), time), staffId: b.staffIds[staff], customer: customer() },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; start: string; manageUrl: string };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    b = await bookableTenant(t);
  });
  afterAll(() => t.close());

  it('shows the booking and its business', async () => {
    const booking = await bookAt(5, '10:00');
    const res = await t.request('GET', `/api/v1/public/manage/${tokenOf(booking.manageUrl)}`);
    expect(res.status).toBe(200);
    expect(res.body.booking).toMatchObject({ id: booking.id, status: 'confirmed', start: booking.start });
    expect(res.body.business).toMatchObject({ slug: b.tenant.slug, timezone: 'America/New_York' });
    expect(res.body.canChange).toBe(true);
  });

  it('cancels through the link', async () => {
    const booking = await bookAt(5, '11:00');
    const res = await t.request('POST', `/api/v1/public/manage/${tokenOf(booking.manageUrl)}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
  });

  it('reschedules through the link, keeping the id and issuing a link for the new time', async () => {
    const booking = await bookAt(5, '12:00');
    const res = await t.request('POST', `/api/v1/public/manage/${tokenOf(booking.manageUrl)}/reschedule`, {
      body: { start: b.at(b.day(6), '12:00') },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: booking.id, start: b.at(b.day(6), '12:00') });
    expect(res.body.manageUrl).not.toBe(booking.manageUrl);
    const view = await t.request('GET', `/api/v1/public/manage/${tokenOf(res.body.manageUrl)}`);
    expect(view.body.booking.start).toBe(b.at(b.day(6), '12:00'));
  });

  it('answers a reschedule onto a taken slot with 409 slot_unavailable', async () => {
    const booking = await bookAt(7, '09:00', 0);
    await bookAt(7, '14:00', 0);
    await bookAt(7, '14:00', 1);
    const res = await t.request('POST', `/api/v1/public/manage/${tokenOf(booking.manageUrl)}/reschedule`, {
      body: { start: b.at(b.day(7), '14:00') },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('slot_unavailable');
  });

  it('answers a tampered token with 401 link_invalid', async () => {
    const booking = await bookAt(8, '10:00');
    const token = tokenOf(booking.manageUrl);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        bid: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      }),
    ).toString('base64url');
    for (const bad of [`${header}.${forged}.${signature}`, `${token}x`, 'not-a-token']) {
      const res = await t.request('GET', `/api/v1/public/manage/${bad}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('link_invalid');
    }
    const cancel = await t.request('POST', `/api/v1/public/manage/${header}.${forged}.${signature}/cancel`);
    expect(cancel.status).toBe(401);
    const [row] = await t.sql('select status from bookings where id = $1', [booking.id]);
    expect(row.status).toBe('confirmed');
  });

  it('answers 410 link_expired once the appointment has started', async () => {
    const booking = await bookAt(9, '10:00');
    await t.sql(
      `update bookings set start_at = now() - interval '5 minutes', end_at = now() + interval '25 minutes',
              blocked = tstzrange(now() - interval '5 minutes', now() + interval '40 minutes', '[)') where id = $1`,
      [booking.id],
    );
    const token = tokenOf(booking.manageUrl);
    expect((await t.request('GET', `/api/v1/public/manage/${token}`)).body.code).toBe('link_expired');
    const cancel = await t.request('POST', `/api/v1/public/manage/${token}/cancel`);
    expect(cancel.status).toBe(410);
    expect(cancel.body.code).toBe('link_expired');
  });

  it('answers 409 too_late inside the cancellation notice, and changes nothing', async () => {
    const strict = await bookableTenant(t, { cancellationNoticeHours: 24 * 30 });
    const created = await t.request('POST', `/api/v1/public/${strict.tenant.slug}/bookings`, {
      body: { serviceId: strict.serviceId, start: strict.at(strict.day(3), '10:00'), customer: customer() },
    });
    const token = tokenOf(created.body.manageUrl);
    const view = await t.request('GET', `/api/v1/public/manage/${token}`);
    expect(view.body.canChange).toBe(false);
    for (const [path, body] of [
      ['cancel', undefined],
      ['reschedule', { start: strict.at(strict.day(4), '10:00') }],
    ] as const) {
      const res = await t.request('POST', `/api/v1/public/manage/${token}/${path}`, { body });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('too_late');
    }
    const [row] = await t.sql('select status, start_at from bookings where id = $1', [created.body.id]);
    expect(row.status).toBe('confirmed');
    expect(new Date(row.start_at).toISOString()).toBe(created.body.start);
  });
});

import { DateTime } from 'luxon';
import { customer, seededBookableTenant, ZONE } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

// Changing the service of a booking by chat, over HTTP against Postgres: the engine's
// `reschedule` command with the new service goes through the same BookingChanges operation as
// the admin endpoint.

describe('chat: changing the service of a booking', () => {
  let t: TestApp;
  let b: Awaited<ReturnType<typeof seededBookableTenant>>;
  let phoneCounter = 0;

  beforeAll(async () => {
    t = await TestApp.start();
    b = await seededBookableTenant(t, {
      moreServices: [
        { name: 'Beard Trim', durationMinutes: 20, priceCents: 1800, aliases: ['beard', 'barba', 'arreglo de barba'] },
      ],
    });
  });
  afterAll(() => t.close());

  const chat = async (from: string, text: string) => {
    const res = await t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, { token: b.ownerToken, body: { from, text } });
    expect(res.status).toBe(200);
    return res.body as { replies: { text: string }[]; state: string; awaiting: string | null };
  };
  /** A haircut booked by the business for a new customer, `days` ahead at `time`. */
  const haircutFor = async (days: number, time: string) => {
    const phone = `+1 212 555 ${String(3000 + phoneCounter++)}`;
    const res = await t.request('POST', '/api/v1/bookings', {
      token: b.ownerToken,
      body: {
        serviceId: b.serviceId,
        start: b.at(b.day(days), time),
        staffId: b.staffIds[0],
        customer: customer(phone, 'Ana Ruiz'),
      },
    });
    expect(res.status).toBe(201);
    return { phone, id: res.body.id as string };
  };
  const row = async (id: string) =>
    (
      await t.sql<{ service: string; start_at: Date; end_at: Date; status: string }>(
        `select s.name as service, b.start_at, b.end_at, b.status from bookings b join services s on s.id = b.service_id
          where b.id = $1`,
        [id],
      )
    )[0];
  const local = (instant: Date) => DateTime.fromJSDate(instant, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');

  it('keeps the time when the customer only asks for another service, once they confirm', async () => {
    const { phone, id } = await haircutFor(5, '10:00');
    const ask = await chat(phone, 'Hi, can I change my haircut to a beard trim?');
    expect(ask.state).toBe('RESCHEDULE_CONFIRM');
    expect(ask.replies.at(-1)!.text).toMatch(/Change your Haircut on .* to Beard Trim/);
    expect((await row(id)).service).toBe('Haircut');
    const done = await chat(phone, 'yes');
    expect(done.state).toBe('IDLE');
    const after = await row(id);
    expect(after).toMatchObject({ service: 'Beard Trim', status: 'confirmed' });
    expect(local(after.start_at)).toBe(`${b.day(5)} 10:00`);
    expect(local(after.end_at)).toBe(`${b.day(5)} 10:20`);
  });

  it('changes the service and the time in Spanish', async () => {
    const { phone, id } = await haircutFor(6, '10:00');
    const ask = await chat(phone, '¿puedo cambiar mi corte por un arreglo de barba a las 14:00?');
    expect(ask.state).toBe('RESCHEDULE_CONFIRM');
    expect(ask.replies.at(-1)!.text).toMatch(/^¿Cambio tu Haircut/);
    const done = await chat(phone, 'sí');
    expect(done.replies.at(-1)!.text).toMatch(/ahora es Beard Trim/);
    const after = await row(id);
    expect(after.service).toBe('Beard Trim');
    expect(local(after.start_at)).toBe(`${b.day(6)} 14:00`);
  });

  it('leaves the booking as it was when the customer says no', async () => {
    const { phone, id } = await haircutFor(7, '11:00');
    await chat(phone, 'switch my cut to a beard trim please');
    await chat(phone, 'no');
    expect((await row(id)).service).toBe('Haircut');
  });
});

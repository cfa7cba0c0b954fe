import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AvailableSlot, PublicProfile } from '@frontdesk/contracts';
import { addDays, todayIn, zonedToUtc } from '../../../app/time';
import { mockFetch, networkFailure, renderAt } from '../../../test-utils';
import { PublicBookingPage } from './PublicBookingPage';

const leavePage = vi.hoisted(() => vi.fn<(url: string) => void>());
vi.mock('../../../app/leave-page', () => ({ leavePage }));

const NY = 'America/New_York';
const PROFILE: PublicProfile = {
  slug: 'demo',
  name: 'Demo Barbershop',
  timezone: NY,
  currency: 'usd',
  locale: 'en',
  services: [
    { id: 'beard', name: 'Beard trim', durationMinutes: 15, priceCents: 1500 },
    { id: 'cut', name: 'Haircut', durationMinutes: 30, priceCents: 3000 },
  ],
  staff: [
    { id: 'alex', name: 'Alex Rivera', serviceIds: null },
    { id: 'jordan', name: 'Jordan Lee', serviceIds: null },
  ],
};

// The picker starts at today in the business's zone: slots two and three days ahead are in its first week.
const today = todayIn(NY);
const day2 = addDays(today, 2);
const day3 = addDays(today, 3);
const at = (date: string, time: string, minutes = 30, staffIds = ['alex', 'jordan']): AvailableSlot => {
  const start = zonedToUtc(date, time, NY);
  return { start: start.toISOString(), end: new Date(start.getTime() + minutes * 60_000).toISOString(), staffIds };
};
const SLOTS = [at(day2, '09:00'), at(day2, '09:30'), at(day3, '14:00', 30, ['jordan'])];

type Handler = Parameters<typeof mockFetch>[0];

/** The business's profile and slots; `book` answers the POST. */
function api(book: Handler = () => [500, {}]): Handler {
  return (url, request) => {
    if (url.pathname === '/api/v1/public/demo') return [200, PROFILE];
    if (url.pathname === '/api/v1/public/demo/availability') return [200, { timezone: NY, serviceId: 'cut', slots: SLOTS }];
    if (url.pathname === '/api/v1/public/demo/bookings' && request.method === 'POST') return book(url, request);
    return [404, { statusCode: 404, code: 'not_found', message: 'Not found' }];
  };
}

const render = () => renderAt('/book/demo', <Route path="/book/:slug" element={<PublicBookingPage />} />);

async function chooseHaircutAt930() {
  await userEvent.click(await screen.findByRole('radio', { name: /Haircut/ }));
  // The first day with free times is shown; its times are buttons named by day and time.
  await userEvent.click(await screen.findByRole('button', { name: /9:30 AM/ }));
}

async function fillDetails(name = 'Ana Gómez', phone = '+1 555 010 1001') {
  await userEvent.type(screen.getByLabelText('Name'), name);
  await userEvent.type(screen.getByLabelText('Phone'), phone);
}

afterEach(() => {
  vi.unstubAllGlobals();
  leavePage.mockReset();
});

describe('PublicBookingPage', () => {
  it('shows the services with duration and price, and asks for times only once one is chosen', async () => {
    const calls = mockFetch(api());
    render();
    expect(await screen.findByRole('heading', { name: 'Book at Demo Barbershop' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Haircut 30 min · $30.00' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Beard trim 15 min · $15.00' })).toBeTruthy();
    expect(screen.getByText('Choose a service to see free times.')).toBeTruthy();
    expect(calls.map((c) => new URL(c.url, 'http://localhost').pathname)).toEqual(['/api/v1/public/demo']);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Book appointment' }).disabled).toBe(true);
  });

  it('books anyone free for the chosen time and links to the manage page', async () => {
    const calls = mockFetch(
      api((_url, request) => [
        201,
        {
          id: 'b1',
          status: 'confirmed',
          serviceId: 'cut',
          staffId: 'jordan',
          start: SLOTS[1].start,
          end: SLOTS[1].end,
          customer: { id: 'c1', name: 'Ana Gómez', phone: '+15550101001', email: null },
          source: 'web',
          depositCents: 0,
          paymentStatus: 'none',
          paymentUrl: null,
          paymentExpiresAt: null,
          notes: null,
          createdAt: SLOTS[0].start,
          updatedAt: SLOTS[0].start,
          manageUrl: `${window.location.origin}/manage/signed.token`,
          sent: request.body,
        },
      ]),
    );
    render();
    await chooseHaircutAt930();

    // Availability: the public endpoint, a week from today, no token, anyone.
    const availability = calls.find((c) => c.url.includes('/availability'))!;
    expect(availability.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URL(availability.url, 'http://localhost').searchParams)).toEqual({
      serviceId: 'cut',
      from: today,
      to: addDays(today, 6),
    });
    // The day row shows every day of the week; the first with times is open.
    const days = within(screen.getByRole('group', { name: 'Days' })).getAllByRole('button');
    expect(days).toHaveLength(7);
    expect(days.filter((d) => d.getAttribute('aria-pressed') === 'true').map((d) => d.getAttribute('aria-label'))).toEqual([
      expect.stringMatching(/: 2 free times$/),
    ]);
    expect(days.filter((d) => (d as HTMLButtonElement).disabled)).toHaveLength(5);

    await fillDetails();
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));

    expect(await screen.findByRole('heading', { name: 'You’re booked' })).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST')!;
    expect(new URL(post.url, 'http://localhost').pathname).toBe('/api/v1/public/demo/bookings');
    expect(post.body).toEqual({
      serviceId: 'cut',
      start: SLOTS[1].start,
      customer: { name: 'Ana Gómez', phone: '+1 555 010 1001' },
    });
    expect(screen.getByText('Jordan Lee')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Manage your booking' }).getAttribute('href')).toBe('/manage/signed.token');
    expect(leavePage).not.toHaveBeenCalled();
  });

  it('asks for one staff member’s times and books with them when one is chosen', async () => {
    const calls = mockFetch(
      api(() => [400, { statusCode: 400, code: 'validation_failed', message: ['customer.email must be an email'] }]),
    );
    render();
    await userEvent.click(await screen.findByRole('radio', { name: /Haircut/ }));
    await userEvent.selectOptions(screen.getByLabelText('With'), 'Jordan Lee');
    await waitFor(() => expect(calls.filter((c) => c.url.includes('staffId=jordan'))).toHaveLength(1));
    await userEvent.click(await screen.findByRole('button', { name: /9:00 AM/ }));
    await fillDetails();
    await userEvent.type(screen.getByLabelText('Email (optional)'), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    // The API's message lands next to the field it names.
    const email = screen.getByLabelText('Email (optional)');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toBe('customer.email must be an email');
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({
      staffId: 'jordan',
      customer: { email: 'not-an-email' },
    });
  });

  it('shows the phone number’s problem next to the phone field', async () => {
    mockFetch(
      api(() => [
        400,
        { statusCode: 400, code: 'validation_failed', message: ['customer.phone: 12 is not a valid phone number'] },
      ]),
    );
    render();
    await chooseHaircutAt930();
    await fillDetails('Ana', '12');
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    const phone = screen.getByLabelText('Phone');
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(phone.getAttribute('aria-describedby')).toContain('-error');
    expect(screen.getByText('customer.phone: 12 is not a valid phone number')).toBeTruthy();
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
  });

  it('offers the nearest free times when the chosen one was just taken, and books the one picked', async () => {
    const alternative = at(day3, '14:00', 30, ['jordan']);
    let attempts = 0;
    const calls = mockFetch(
      api(() => {
        attempts += 1;
        return attempts === 1
          ? [
              409,
              { statusCode: 409, code: 'slot_unavailable', message: 'That time is not available', alternatives: [alternative] },
            ]
          : [500, { statusCode: 500, code: 'internal_error', message: 'Something broke' }];
      }),
    );
    render();
    await chooseHaircutAt930();
    await fillDetails();
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    const notice = await screen.findByRole('alert');
    expect(notice.textContent).toContain('That time is no longer free');
    await userEvent.click(within(notice).getByRole('button'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/^Chosen:/).textContent).toContain('2:00 PM');
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    await screen.findByText('Something broke');
    expect(calls.filter((c) => c.method === 'POST').map((c) => (c.body as { start: string }).start)).toEqual([
      SLOTS[1].start,
      alternative.start,
    ]);
  });

  it('sends the same Idempotency-Key when a submission is retried after a network error, and a new one for a changed form', async () => {
    let attempts = 0;
    const calls = mockFetch(
      api((_url, request) => {
        attempts += 1;
        if (attempts < 3) throw networkFailure();
        const sent = request.body as { start: string; customer: { name: string; phone: string } };
        return [
          201,
          {
            id: 'b1',
            status: 'confirmed',
            serviceId: 'cut',
            staffId: 'alex',
            start: sent.start,
            end: SLOTS[1].end,
            customer: { id: 'c1', name: sent.customer.name, phone: '+15550101001', email: null },
            source: 'web',
            depositCents: 0,
            paymentStatus: 'none',
            paymentUrl: null,
            paymentExpiresAt: null,
            notes: null,
            createdAt: SLOTS[0].start,
            updatedAt: SLOTS[0].start,
            manageUrl: `${window.location.origin}/manage/signed.token`,
          },
        ];
      }),
    );
    render();
    await chooseHaircutAt930();
    await fillDetails();
    const book = screen.getByRole('button', { name: 'Book appointment' });
    await userEvent.click(book);
    expect((await screen.findByRole('alert')).textContent).toContain('Cannot reach the server');
    await userEvent.click(book);
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    // The customer corrects their name: another request, another key.
    await userEvent.type(screen.getByLabelText('Name'), ' Ruiz');
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(await screen.findByRole('heading', { name: 'You’re booked' })).toBeTruthy();

    const keys = calls.filter((c) => c.method === 'POST').map((c) => c.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('sends a booking that needs a deposit on to Checkout, showing the amount and the deadline, with a button as fallback', async () => {
    const checkout = 'https://checkout.stripe.test/c/pay/cs_test_1';
    const deadline = zonedToUtc(today, '23:30', NY).toISOString();
    mockFetch(
      api(() => [
        201,
        {
          id: 'b1',
          status: 'pending_payment',
          serviceId: 'cut',
          staffId: 'jordan',
          start: SLOTS[1].start,
          end: SLOTS[1].end,
          customer: { id: 'c1', name: 'Ana Gómez', phone: '+15550101001', email: null },
          source: 'web',
          depositCents: 1000,
          paymentStatus: 'pending',
          paymentUrl: checkout,
          paymentExpiresAt: deadline,
          notes: null,
          createdAt: SLOTS[0].start,
          updatedAt: SLOTS[0].start,
          manageUrl: `${window.location.origin}/manage/signed.token`,
        },
      ]),
    );
    render();
    await chooseHaircutAt930();
    await fillDetails();
    await userEvent.click(screen.getByRole('button', { name: 'Book appointment' }));

    expect(await screen.findByRole('heading', { name: 'One more step: pay the deposit' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'You’re booked' })).toBeNull();
    expect(screen.getByTestId('deposit-amount').textContent).toContain('$10.00');
    expect(screen.getByTestId('deposit-deadline').textContent).toContain('11:30 PM');
    expect(leavePage).toHaveBeenCalledWith(checkout);
    expect(screen.getByRole('link', { name: 'Pay the deposit' }).getAttribute('href')).toBe(checkout);
  });

  it('says so when the business does not exist', async () => {
    mockFetch(() => [404, { statusCode: 404, code: 'not_found', message: 'Business not found' }]);
    renderAt('/book/nobody', <Route path="/book/:slug" element={<PublicBookingPage />} />);
    expect(await screen.findByRole('heading', { name: 'Business not found' })).toBeTruthy();
    expect(screen.queryByRole('form')).toBeNull();
  });
});

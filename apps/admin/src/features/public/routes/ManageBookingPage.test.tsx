import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Booking, BookingStatus, ManageView, PublicProfile } from '@frontdesk/contracts';
import { addDays, todayIn, zonedToUtc } from '../../../app/time';
import { mockFetch, renderAt, testBooking } from '../../../test-utils';
import { ManageBookingPage } from './ManageBookingPage';

const NY = 'America/New_York';
const day = addDays(todayIn(NY), 3);
const iso = (time: string) => zonedToUtc(day, time, NY).toISOString();

const PROFILE: PublicProfile = {
  slug: 'demo',
  name: 'Demo Barbershop',
  timezone: NY,
  currency: 'usd',
  locale: 'en',
  services: [{ id: 'cut', name: 'Haircut', durationMinutes: 30, priceCents: 3000 }],
  staff: [
    { id: 'alex', name: 'Alex Rivera', serviceIds: null },
    { id: 'jordan', name: 'Jordan Lee', serviceIds: null },
  ],
};

const booking = (status: BookingStatus = 'confirmed', start = iso('10:00')): Booking =>
  testBooking({ status, start, createdAt: start, updatedAt: start });

const view = (b: Booking, canChange = true, readOnly = false): ManageView => ({
  booking: b,
  business: { name: 'Demo Barbershop', slug: 'demo', timezone: NY, currency: 'usd', locale: 'en' },
  readOnly,
  canChange,
  cancellationNoticeHours: 24,
});

type Handler = Parameters<typeof mockFetch>[0];
const error = (statusCode: number, code: string, message: string) =>
  [statusCode, { statusCode, code, message }] as [number, unknown];

/** The profile, and whatever the manage endpoints answer. */
function api(manage: Handler): Handler {
  return (url, request) => (url.pathname === '/api/v1/public/demo' ? [200, PROFILE] : manage(url, request));
}

const render = (token = 'tok-1') => renderAt(`/manage/${token}`, <Route path="/manage/:token" element={<ManageBookingPage />} />);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ManageBookingPage', () => {
  it('shows the appointment with the service and staff names', async () => {
    mockFetch(api(() => [200, view(booking())]));
    render();
    expect(await screen.findByRole('heading', { name: 'Your appointment' })).toBeTruthy();
    expect(await screen.findByText('Haircut · 30 min · $30.00')).toBeTruthy();
    expect(screen.getByText('Alex Rivera')).toBeTruthy();
    expect(screen.getByTestId('booking-status').textContent).toBe('Confirmed');
    expect(screen.getByText(/10:00 AM/)).toBeTruthy();
  });

  it.each([
    [401, 'link_invalid', 'This link is not valid'],
    [410, 'link_expired', 'This link has expired'],
  ])('explains a %i %s link', async (status, code, heading) => {
    mockFetch(() => error(status, code, 'from the API'));
    render();
    expect(await screen.findByRole('heading', { name: heading })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Cancel appointment' })).toBeNull();
  });

  it('cancels only after the customer confirms', async () => {
    let status: BookingStatus = 'confirmed';
    const calls = mockFetch(
      api((url, request) => {
        if (request.method === 'POST' && url.pathname === '/api/v1/public/manage/tok-1/cancel') {
          status = 'cancelled';
          return [200, booking('cancelled')];
        }
        return [200, view(booking(status), status === 'confirmed')];
      }),
    );
    render();
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel appointment' }));
    const panel = screen.getByRole('region', { name: 'Cancel appointment' });
    await userEvent.click(within(panel).getByRole('button', { name: 'Keep it' }));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel appointment' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    await waitFor(() => expect(screen.getByTestId('booking-status').textContent).toBe('Cancelled'));
    expect(screen.getByRole('status').textContent).toBe('Your appointment is cancelled.');
    expect(screen.queryByRole('button', { name: 'Reschedule' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Book a new appointment at Demo Barbershop' }).getAttribute('href')).toBe(
      '/book/demo',
    );
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('shows the notice window when cancelling is too late', async () => {
    mockFetch(
      api((_url, request) =>
        request.method === 'POST'
          ? error(409, 'too_late', 'Changes are possible up to 24 hours before the appointment; please call the business')
          : [200, view(booking())],
      ),
    );
    render();
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel appointment' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Too late to change online');
    expect(alert.textContent).toContain('up to 24 hours before the appointment');
  });

  it('shows the booking as it is now, without actions, through a link older than its latest change', async () => {
    mockFetch(api(() => [200, view(booking('confirmed', iso('14:00')), false, true)]));
    render();
    expect((await screen.findByTestId('read-only-notice')).textContent).toContain(
      'Your appointment has changed since this link was sent',
    );
    expect(screen.getByText(/2:00 PM/)).toBeTruthy();
    expect(screen.getByTestId('booking-status').textContent).toBe('Confirmed');
    expect(screen.queryByRole('button', { name: 'Reschedule' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel appointment' })).toBeNull();
  });

  it('offers no changes inside the notice window', async () => {
    mockFetch(api(() => [200, view(booking(), false)]));
    render();
    expect(await screen.findByText(/Changes are possible online up to 24 hours before the appointment/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reschedule' })).toBeNull();
  });

  it('reschedules with slots that ignore the booking’s own time, then moves to the new link', async () => {
    const moved = booking('confirmed', iso('10:15'));
    const calls = mockFetch(
      api((url, request) => {
        if (url.pathname.endsWith('/availability')) {
          const slot = (time: string) => ({ start: iso(time), end: iso(time), staffIds: ['alex'] });
          return [200, { timezone: NY, serviceId: 'cut', slots: [slot('10:00'), slot('10:15')] }];
        }
        if (request.method === 'POST' && url.pathname === '/api/v1/public/manage/tok-1/reschedule') {
          return [200, { ...moved, manageUrl: `${window.location.origin}/manage/tok-2` }];
        }
        if (url.pathname === '/api/v1/public/manage/tok-2') return [200, view(moved)];
        if (url.pathname === '/api/v1/public/manage/tok-1') return [200, view(booking())];
        return error(404, 'not_found', 'nothing here');
      }),
    );
    render();
    await userEvent.click(await screen.findByRole('button', { name: 'Reschedule' }));
    await userEvent.click(await screen.findByRole('button', { name: /10:15 AM/ }));
    const availability = calls.find((c) => c.url.includes('/availability'))!;
    expect(Object.fromEntries(new URL(availability.url, 'http://localhost').searchParams)).toMatchObject({
      serviceId: 'cut',
      staffId: 'alex',
      excludeBookingId: 'b1',
      from: day,
    });
    await userEvent.click(screen.getByRole('button', { name: /^Move to/ }));
    expect(await screen.findByText(/10:15 AM/, { selector: 'dd' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/^Moved to .*This page has a new address/);
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ start: moved.start });
    expect(calls.some((c) => c.url.endsWith('/public/manage/tok-2'))).toBe(true);
  });

  it('asks anyone’s times when the customer does not mind who', async () => {
    const calls = mockFetch(
      api((url) =>
        url.pathname.endsWith('/availability') ? [200, { timezone: NY, serviceId: 'cut', slots: [] }] : [200, view(booking())],
      ),
    );
    render();
    await userEvent.click(await screen.findByRole('button', { name: 'Reschedule' }));
    await screen.findByText(/No free times/);
    await userEvent.selectOptions(screen.getByLabelText('With'), 'Anyone');
    await waitFor(() => expect(calls.filter((c) => c.url.includes('/availability'))).toHaveLength(2));
    const last = new URL(calls.filter((c) => c.url.includes('/availability'))[1].url, 'http://localhost');
    expect(last.searchParams.get('staffId')).toBeNull();
    expect(last.searchParams.get('excludeBookingId')).toBe('b1');
  });
  describe('deposit', () => {
    const checkout = 'https://checkout.stripe.test/c/pay/cs_test_1';
    const deadline = zonedToUtc(day, '08:30', NY).toISOString();
    const pending = (): Booking => ({
      ...booking('pending_payment'),
      depositCents: 1000,
      paymentStatus: 'pending',
      paymentUrl: checkout,
      paymentExpiresAt: deadline,
    });
    const paid = (): Booking => ({ ...booking('confirmed'), depositCents: 1000, paymentStatus: 'paid' });

    it('shows a paid deposit', async () => {
      mockFetch(api(() => [200, view(paid())]));
      render();
      expect((await screen.findByTestId('payment-state')).textContent).toBe('Deposit paid: $10.00.');
    });

    it('shows a refunded deposit', async () => {
      mockFetch(api(() => [200, view({ ...booking('cancelled'), depositCents: 1000, paymentStatus: 'refunded' })]));
      render();
      expect((await screen.findByTestId('payment-state')).textContent).toBe('Your deposit of $10.00 was refunded.');
    });

    it('says nothing of payments for a booking without a deposit', async () => {
      mockFetch(api(() => [200, view(booking())]));
      render();
      await screen.findByRole('heading', { name: 'Your appointment' });
      expect(screen.queryByTestId('payment-state')).toBeNull();
    });

    it('waits for the payment with the deadline and a Pay button', async () => {
      mockFetch(api(() => [200, view(pending())]));
      render();
      const state = await screen.findByTestId('payment-state');
      expect(state.textContent).toContain('Waiting for your payment of the $10.00 deposit');
      expect(state.textContent).toContain('8:30 AM');
      expect(within(state).getByRole('link', { name: 'Pay the $10.00 deposit' }).getAttribute('href')).toBe(checkout);
    });

    it('back from a cancelled Checkout: the time is held until the deadline, with a Pay button', async () => {
      mockFetch(api(() => [200, view(pending())]));
      render('tok-1?payment=cancelled');
      const state = await screen.findByTestId('payment-state');
      expect(state.textContent).toContain('The payment was not completed. Your time is held until');
      expect(state.textContent).toContain('8:30 AM');
      expect(within(state).getByRole('link', { name: 'Pay the $10.00 deposit' })).toBeTruthy();
    });

    it('back from a paid Checkout: says it is confirming, reads the booking again until it is paid, then stops', async () => {
      let reads = 0;
      const calls = mockFetch(
        api((url) => {
          if (url.pathname !== '/api/v1/public/manage/tok-1') return [404, {}];
          reads += 1;
          return [200, view(reads < 3 ? pending() : paid())];
        }),
      );
      render('tok-1?payment=success');
      expect((await screen.findByTestId('payment-state')).textContent).toContain('Thanks — we’re confirming your payment');
      await waitFor(() => expect(screen.getByTestId('payment-state').textContent).toContain('Deposit paid: $10.00.'), {
        timeout: 10_000,
      });
      expect(screen.getByTestId('booking-status').textContent).toBe('Confirmed');
      expect(screen.queryByRole('link', { name: /Pay the/ })).toBeNull();
      // Once paid, nothing more is asked: the read count stays where the paid answer left it.
      const manageReads = () => calls.filter((c) => c.url.includes('/public/manage/tok-1')).length;
      expect(manageReads()).toBe(3);
    }, 15_000);

    it('back from Checkout, the booking expired meanwhile: says the time ran out and polls no more', async () => {
      mockFetch(api(() => [200, view({ ...pending(), status: 'expired', paymentUrl: null, paymentExpiresAt: null })]));
      render('tok-1?payment=success');
      expect((await screen.findByTestId('payment-state')).textContent).toBe(
        'The time to pay the deposit ran out, so this appointment was released.',
      );
    });
  });
});

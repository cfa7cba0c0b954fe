import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Booking, Service } from '@frontdesk/contracts';
import { mockFetch, renderInTenant, testBooking } from '../../../test-utils';
import { ServiceChangePanel } from './ServiceChangePanel';

const TENANT = { timezone: 'America/New_York', locale: 'en' as const, currency: 'usd' };

const service = (id: string, name: string, durationMinutes: number, priceCents: number, active = true): Service => ({
  id,
  name,
  durationMinutes,
  priceCents,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  aliases: [],
  active,
  deposit: null,
});
const SERVICES = [
  service('cut', 'Haircut', 30, 3000),
  service('beard', 'Beard Trim', 20, 1500),
  service('colour', 'Colour', 90, 8000),
  service('perm', 'Perm', 120, 9000, false),
];

const BOOKING: Booking = testBooking({
  staffId: 'ana',
  start: '2030-12-10T15:00:00.000Z',
  source: 'sms',
  createdAt: '2030-12-01T10:00:00.000Z',
  updatedAt: '2030-12-01T10:00:00.000Z',
});

const renderPanel = (onDone = vi.fn()) => {
  renderInTenant(
    <ServiceChangePanel
      booking={BOOKING}
      tenant={TENANT}
      services={SERVICES}
      staffName={(id) => ({ ana: 'Ana', ben: 'Ben' })[id]}
      onDone={onDone}
    />,
  );
  return onDone;
};

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('ServiceChangePanel', () => {
  it('offers the other active services, with their length and price', () => {
    mockFetch(() => [404, {}]);
    renderPanel();
    const options = screen.getByLabelText('New service').querySelectorAll('option');
    expect([...options].map((o) => o.textContent)).toEqual(['Beard Trim · 20 min · $15.00', 'Colour · 90 min · $80.00']);
  });

  it('changes the service keeping the time: only the new service is sent', async () => {
    const calls = mockFetch((url, request) =>
      request.method === 'POST' && url.pathname === '/api/v1/bookings/b1/reschedule'
        ? [200, { ...BOOKING, serviceId: 'colour', end: '2030-12-10T16:30:00.000Z' }]
        : [404, {}],
    );
    const onDone = renderPanel();
    await userEvent.selectOptions(screen.getByLabelText('New service'), 'colour');
    expect(screen.getByRole('radio', { name: /^Keep / })).toHaveProperty('checked', true);
    await userEvent.click(screen.getByRole('button', { name: 'Change to Colour' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['POST', '/api/v1/bookings/b1/reschedule', { serviceId: 'colour' }],
    ]);
  });

  it("changes the service and the time, picked from the new service's openings", async () => {
    const calls = mockFetch((url, request) => {
      if (url.pathname === '/api/v1/availability') {
        const from = url.searchParams.get('from')!;
        return [
          200,
          {
            timezone: TENANT.timezone,
            serviceId: url.searchParams.get('serviceId'),
            slots: [{ start: `${from}T19:00:00.000Z`, end: `${from}T20:30:00.000Z`, staffIds: ['ben'] }],
            nextFrom: null,
          },
        ];
      }
      if (request.method === 'POST') return [200, { ...BOOKING, serviceId: 'colour' }];
      return [404, {}];
    });
    const onDone = renderPanel();
    await userEvent.selectOptions(screen.getByLabelText('New service'), 'colour');
    await userEvent.click(screen.getByRole('radio', { name: 'Pick a new time' }));
    expect(screen.getByRole('button', { name: 'Change to Colour' })).toHaveProperty('disabled', true);
    await userEvent.click(await screen.findByRole('button', { name: /2:00 PM with Ben$/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Change to Colour' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());

    const availability = new URL(calls[0].url, 'http://localhost');
    expect(availability.searchParams.get('serviceId')).toBe('colour');
    expect(availability.searchParams.get('excludeBookingId')).toBe('b1');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ serviceId: 'colour', start: expect.stringMatching(/T19:00:00.000Z$/), staffId: 'ben' });
  });

  it('shows why the API refused the change and stays open', async () => {
    mockFetch(() => [
      409,
      {
        statusCode: 409,
        code: 'deposit_required',
        message: 'The new service needs a larger deposit than this booking holds; cancel it and book the new service instead',
        depositCents: 4000,
        heldCents: 1000,
      },
    ]);
    const onDone = renderPanel();
    await userEvent.click(screen.getByRole('button', { name: 'Change to Beard Trim' }));
    expect(await screen.findByText(/needs a larger deposit/)).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
  });
});

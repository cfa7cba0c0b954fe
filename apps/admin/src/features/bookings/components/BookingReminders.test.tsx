import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Booking, ReminderList, Tenant } from '@frontdesk/contracts';
import { TenantProvider } from '../../../app/tenant-scope';
import { mockFetch, renderInTenant, testBooking } from '../../../test-utils';
import { BookingReminders } from './BookingReminders';

const TENANT: Tenant = {
  id: 'tenant-1',
  slug: 'demo',
  name: 'Demo',
  timezone: 'America/New_York',
  currency: 'usd',
  country: 'US',
  locale: 'en',
  status: 'active',
};

const booking = (customerConfirmedAt: string | null): Booking =>
  testBooking({
    serviceId: 's1',
    staffId: 'st1',
    start: '2026-12-10T15:00:00.000Z',
    customer: { id: 'c1', name: 'Ana', phone: '+15550101001', email: null },
    source: 'sms',
    customerConfirmedAt,
    createdAt: '2026-12-01T15:00:00.000Z',
    updatedAt: '2026-12-01T15:00:00.000Z',
  });

const REMINDERS: ReminderList = {
  items: [
    {
      offsetMinutes: 1440,
      dueAt: '2026-12-09T15:00:00.000Z',
      status: 'delivered',
      channel: 'whatsapp',
      sentAt: '2026-12-09T15:00:05.000Z',
    },
    { offsetMinutes: 120, dueAt: '2026-12-10T13:00:00.000Z', status: 'scheduled', channel: null, sentAt: null },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

function show(b: Booking, list: ReminderList = REMINDERS) {
  const calls = mockFetch(() => [200, list]);
  renderInTenant(
    <TenantProvider tenant={TENANT}>
      <BookingReminders booking={b} />
    </TenantProvider>,
  );
  return calls;
}

describe('BookingReminders', () => {
  it("lists the booking's reminders with their status and channel, and the customer's confirmation", async () => {
    const calls = show(booking('2026-12-09T15:07:00.000Z'));
    const rows = await screen.findAllByRole('row');
    expect(calls[0].url).toBe('/api/v1/bookings/b1/reminders');
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole(r.querySelector('th') ? 'columnheader' : 'cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['Reminder', 'Due', 'Status', 'Channel', 'Sent'],
      ['24 hours before', 'Wed, Dec 9, 10:00 AM', 'Delivered', 'WhatsApp', 'Wed, Dec 9, 10:00 AM'],
      ['2 hours before', 'Thu, Dec 10, 8:00 AM', 'Scheduled', '—', '—'],
    ]);
    expect(screen.getByText('✓ Confirmed by customer')).toBeTruthy();
    expect(screen.getByText('Wed, Dec 9, 10:07 AM')).toBeTruthy();
  });

  it('says when the customer has not confirmed, and when there are no reminders', async () => {
    show(booking(null), { items: [] });
    expect(await screen.findByText('No reminders for this booking.')).toBeTruthy();
    expect(screen.getByText('The customer has not confirmed by reply.')).toBeTruthy();
    expect(screen.queryByText(/Confirmed by customer/)).toBeNull();
  });
});

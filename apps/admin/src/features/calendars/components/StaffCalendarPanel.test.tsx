import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GoogleConnection, Tenant } from '@frontdesk/contracts';
import { TenantProvider } from '../../../app/tenant-scope';
import { mockFetch, renderInTenant } from '../../../test-utils';
import { StaffCalendarPanel } from './StaffCalendarPanel';

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
const FEED = 'http://localhost:3000/api/v1/ical/0b6c3c54-7d4b-4a8e-9d5e-2f0a4e8b9c11.sig.ics';

function render(google: GoogleConnection, leaveForGoogle = vi.fn()) {
  let feed = { url: FEED, busyOnly: false };
  let connection = google;
  const calls = mockFetch((url, { method, body }) => {
    if (url.pathname === '/api/v1/staff/st1/calendar-feed') {
      if (method === 'POST') feed = { ...feed, url: FEED.replace('sig', 'fresh') };
      if (method === 'PATCH') feed = { ...feed, ...(body as { busyOnly: boolean }) };
      return [200, feed];
    }
    if (url.pathname === '/api/v1/staff/st1/google' && method === 'DELETE') {
      connection = { status: 'disconnected', lastSyncAt: connection.lastSyncAt, lastError: null };
      return [204, undefined];
    }
    if (url.pathname === '/api/v1/staff/st1/google') return [200, connection];
    if (url.pathname === '/api/v1/staff/st1/google/connect') return [200, { url: 'https://accounts.example/consent?state=s' }];
    if (url.pathname === '/api/v1/staff/st1/google/sync') return [200, connection];
    throw new Error(`unexpected ${method} ${url.pathname}`);
  });
  renderInTenant(
    <TenantProvider tenant={TENANT}>
      <StaffCalendarPanel member={{ id: 'st1', name: 'Jordan' }} onClose={() => undefined} leaveForGoogle={leaveForGoogle} />
    </TenantProvider>,
  );
  return { calls, leaveForGoogle };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('StaffCalendarPanel', () => {
  it('connects: asks the API for the consent URL and leaves for it', async () => {
    const { leaveForGoogle } = render({ status: 'disconnected', lastSyncAt: null, lastError: null });
    expect(await screen.findByText('Not connected')).toBeTruthy();
    expect(screen.getByText('Never')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Connect Google Calendar' }));
    await waitFor(() => expect(leaveForGoogle).toHaveBeenCalledWith('https://accounts.example/consent?state=s'));
  });

  it('shows a dropped connection with its reason, then syncs and disconnects', async () => {
    const { calls } = render({
      status: 'error',
      email: 'jordan@example.test',
      lastSyncAt: '2026-12-01T15:00:00.000Z',
      lastError: 'Google answered 503: Backend Error',
    });
    expect(await screen.findByText('Connected, last sync failed')).toBeTruthy();
    expect(screen.getByText('jordan@example.test')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Google answered 503: Backend Error');
    await userEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/google/sync'))).toBe(true));
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect Google Calendar' }));
    expect(await screen.findByRole('button', { name: 'Connect Google Calendar' })).toBeTruthy();
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url)).toEqual(['/api/v1/staff/st1/google']);
  });

  it('shows the feed URL, regenerates it and switches to "Busy" only', async () => {
    const { calls } = render({ status: 'disconnected', lastSyncAt: null, lastError: null });
    const field = await screen.findByLabelText<HTMLInputElement>('Feed URL');
    expect(field.value).toBe(FEED);
    await userEvent.click(screen.getByRole('button', { name: 'Regenerate feed URL' }));
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Feed URL').value).toBe(FEED.replace('sig', 'fresh')));
    await userEvent.click(screen.getByLabelText('Show only "Busy" (no customer names or services)'));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ busyOnly: true }));
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLInputElement>('Show only "Busy" (no customer names or services)').checked).toBe(true),
    );
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalyticsSummary, NoShowBreakdown, NoShowBreakdownResponse, NoShowRow, Tenant } from '@frontdesk/contracts';
import { TenantProvider } from '../../../app/tenant-scope';
import { mockFetch, networkFailure, renderInTenant } from '../../../test-utils';
import { InsightsPage } from './InsightsPage';

const TENANT: Tenant = {
  id: 'tenant-1',
  slug: 'salon',
  name: 'Salon',
  timezone: 'America/New_York',
  currency: 'usd',
  country: 'US',
  locale: 'en',
  status: 'active',
};

const SUMMARY: AnalyticsSummary = {
  bookings: { total: 120, confirmed: 10, completed: 80, noShow: 20, cancelled: 8, lateCancelled: 3, expired: 2 },
  noShowRate: 0.2,
  conversations: { started: 50, booked: 20, conversionRate: 0.4 },
  reminders: { sent: 100, delivered: 90, failed: 10, confirmedByReply: 45, deliveryRate: 0.9, confirmationRate: 0.5 },
  deposits: { collectedCents: 50_000, refundedCents: 10_000, keptCents: 5_000 },
  medianMinutesToConfirm: 42,
};
const BASELINE: AnalyticsSummary = { ...SUMMARY, noShowRate: 0.125 };

const row = (
  key: string,
  label: string,
  bookings: number,
  completed: number,
  noShows: number,
  rate: number | null,
): NoShowRow => ({
  key,
  label,
  bookings,
  completed,
  noShows,
  rate,
});

const BREAKDOWNS: Record<NoShowBreakdown, NoShowBreakdownResponse> = {
  week: {
    rows: [row('2026-11-23', 'Week of 2026-11-23', 40, 36, 4, 0.1), row('2026-11-30', 'Week of 2026-11-30', 30, 21, 9, 0.3)],
  },
  weekday: { rows: [row('mon', 'Monday', 10, 5, 5, 0.5), row('tue', 'Tuesday', 0, 0, 0, null)] },
  hour: { rows: [row('09', '09:00', 8, 7, 1, 0.125)] },
  weekdayHour: {
    rows: [
      row('mon-09', 'Monday 09:00', 4, 3, 1, 0.25),
      row('mon-10', 'Monday 10:00', 0, 0, 0, null),
      row('tue-09', 'Tuesday 09:00', 2, 2, 0, 0),
      row('tue-10', 'Tuesday 10:00', 0, 0, 0, null),
    ],
  },
  service: { rows: [row('svc-1', 'Haircut', 60, 48, 12, 0.2)] },
  staff: { rows: [row('stf-1', 'Jordan Lee', 70, 63, 7, 0.1)] },
  riskTier: { rows: [row('low', 'Low', 50, 48, 2, 0.04), row('high', 'High', 10, 0, 0, null)] },
};

beforeEach(() => {
  // "Today" in the business's zone is 2026-12-04: the default range is the 90 days to it.
  vi.useFakeTimers({ now: new Date('2026-12-04T15:00:00Z'), toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
});

function Address() {
  const location = useLocation();
  return <output aria-label="Address">{`${location.pathname}${location.search}`}</output>;
}

function renderPage(
  url = '/insights',
  answer: (url: URL) => [number, unknown] = (requested) => {
    if (requested.pathname === '/api/v1/analytics/summary') {
      return [200, requested.searchParams.get('from') === '2025-12-05' ? BASELINE : SUMMARY];
    }
    if (requested.pathname === '/api/v1/analytics/no-shows')
      return [200, BREAKDOWNS[requested.searchParams.get('by') as NoShowBreakdown]];
    return [404, { statusCode: 404, code: 'not_found', message: 'Not found' }];
  },
) {
  const calls = mockFetch(answer);
  renderInTenant(
    <MemoryRouter initialEntries={[url]}>
      <TenantProvider tenant={TENANT}>
        <Routes>
          <Route path="/insights" element={<InsightsPage />} />
        </Routes>
        <Address />
      </TenantProvider>
    </MemoryRouter>,
  );
  return calls;
}

// Generous waits: the page makes nine requests and the charts load recharts, on a shared machine.
const WAIT = { timeout: 10_000 };
const table = (caption: string) => screen.findByRole('table', { name: caption }, WAIT);

/** A table's body rows as arrays of cell texts (the row header first). */
function rowsOf(element: HTMLElement): string[][] {
  return within(element)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? ''));
}

const summaryRanges = (calls: { url: string }[]) =>
  calls
    .map((call) => new URL(call.url, 'http://localhost'))
    .filter((url) => url.pathname === '/api/v1/analytics/summary')
    .map((url) => `${url.searchParams.get('from')}..${url.searchParams.get('to')}`);

describe('InsightsPage', { timeout: 30_000 }, () => {
  it('asks for the last 90 days by default and shows the API’s numbers in tables', async () => {
    const calls = renderPage();
    expect(rowsOf(await table('No-shows by week (weeks start on Monday)'))).toEqual([
      ['Week of 2026-11-23', '40', '4', '10%'],
      ['Week of 2026-11-30', '30', '9', '30%'],
    ]);
    expect(rowsOf(await table('No-shows by service'))).toEqual([['Haircut', '60', '12', '20%']]);
    expect(rowsOf(await table('No-shows by staff member'))).toEqual([['Jordan Lee', '70', '7', '10%']]);
    expect(rowsOf(await table('No-shows by risk tier'))).toEqual([
      ['Low', '50', '2', '4%'],
      ['High', '10', '0', '—'],
    ]);
    expect(rowsOf(await table('No-shows by weekday'))).toEqual([
      ['Monday', '10', '5', '50%'],
      ['Tuesday', '0', '0', '—'],
    ]);
    expect(rowsOf(await table('No-shows by local start hour'))).toEqual([['09:00', '8', '1', '12.5%']]);
    // The heat map's columns are the hours holding a booking; its cells are the rates.
    const heatMap = await table('No-show rate by weekday and local start hour');
    expect(
      within(heatMap)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Weekday', '09:00']);
    expect(rowsOf(heatMap)).toEqual([
      ['Monday', '25%'],
      ['Tuesday', '0%'],
    ]);
    const overview = rowsOf(await table('Bookings in the range by what became of them'));
    expect(overview).toContainEqual(['Bookings', '120']);
    expect(overview).toContainEqual(['No-show rate', '20%']);
    expect(overview).toContainEqual(['Median time to confirm', '42 min']);
    await waitFor(
      () =>
        expect(rowsOf(screen.getByRole('table', { name: 'Bookings in the range by what became of them' }))).toContainEqual([
          'Base line (365 days to 2026-12-04)',
          '12.5%',
        ]),
      WAIT,
    );
    expect(rowsOf(await table('Reminders sent, delivered and confirmed by reply'))).toEqual([
      ['Sent', '100', ''],
      ['Delivered', '90', '90% delivered'],
      ['Failed', '10', ''],
      ['Confirmed by reply', '45', '50% confirmed'],
    ]);
    expect(rowsOf(await table('Deposits collected, refunded and kept'))).toEqual([
      ['Collected', '$500.00', ''],
      ['Refunded', '$100.00', '20% of collected'],
      ['Kept', '$50.00', '10% of collected'],
    ]);
    expect(rowsOf(await table('Conversations started and those that ended in a booking'))).toEqual([
      ['Conversations started', '50', ''],
      ['Ended in a booking', '20', '40% converted'],
    ]);

    expect(summaryRanges(calls)).toEqual(['2026-09-06..2026-12-04', '2025-12-05..2026-12-04']);
    expect(screen.getByLabelText('From')).toHaveProperty('value', '2026-09-06');
    expect(screen.getByLabelText('To')).toHaveProperty('value', '2026-12-04');
  });

  it('draws a chart for each breakdown once the chart library has loaded', async () => {
    renderPage();
    const chart = await screen.findByRole('img', { name: /Line chart of the weekly no-show rate/ }, WAIT);
    await waitFor(() => expect(chart.querySelector('.recharts-wrapper')).not.toBeNull(), WAIT);
    expect(screen.getAllByRole('img', { name: /^Bar chart/ })).toHaveLength(8);
  });

  it('asks again for the range picked, and keeps it in the address', async () => {
    const calls = renderPage();
    await table('No-shows by service');
    const user = userEvent.setup();
    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2026-10-01');
    const to = screen.getByLabelText('To');
    await user.clear(to);
    await user.type(to, '2026-10-31');
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(screen.getByLabelText('Address').textContent).toBe('/insights?from=2026-10-01&to=2026-10-31'));
    await waitFor(() => expect(summaryRanges(calls)).toContain('2026-10-01..2026-10-31'), WAIT);
    const breakdownsAsked = () =>
      calls
        .map((call) => new URL(call.url, 'http://localhost'))
        .filter((url) => url.pathname === '/api/v1/analytics/no-shows' && url.searchParams.get('from') === '2026-10-01')
        .map((url) => url.searchParams.get('by'))
        .sort();
    await waitFor(
      () => expect(breakdownsAsked()).toEqual(['hour', 'riskTier', 'service', 'staff', 'week', 'weekday', 'weekdayHour']),
      WAIT,
    );

    await user.click(screen.getByRole('button', { name: 'Last 30 days' }));
    await waitFor(() => expect(screen.getByLabelText('Address').textContent).toBe('/insights?from=2026-11-05&to=2026-12-04'));
    expect(screen.getByRole('button', { name: 'Last 30 days' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('refuses a range that ends before it starts, without asking the API', async () => {
    const calls = renderPage();
    await table('No-shows by service');
    const before = calls.length;
    const user = userEvent.setup();
    const to = screen.getByLabelText('To');
    await user.clear(to);
    await user.type(to, '2026-01-01');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('The end date must be on or after the start date.', {}, WAIT)).toBeTruthy();
    expect(screen.getByLabelText('Address').textContent).toBe('/insights');
    expect(calls.length).toBe(before);
  });

  it('refuses a range longer than the API answers for', async () => {
    const calls = renderPage();
    await table('No-shows by service');
    const before = calls.length;
    const user = userEvent.setup();
    const from = screen.getByLabelText('From');
    await user.clear(from);
    await user.type(from, '2025-01-01');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByText('Pick at most 366 days.', {}, WAIT)).toBeTruthy();
    expect(calls.length).toBe(before);
  });

  it('opens on the range in the address', async () => {
    const calls = renderPage('/insights?from=2026-06-01&to=2026-06-30');
    await table('No-shows by service');
    expect(summaryRanges(calls)[0]).toBe('2026-06-01..2026-06-30');
  });

  it('downloads the range’s bookings as a CSV file', async () => {
    const createObjectURL = vi.fn(() => 'blob:bookings');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const saved: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ href: this.href, download: this.download });
    });
    const calls = renderPage('/insights?from=2026-10-01&to=2026-10-31', (requested) => {
      if (requested.pathname === '/api/v1/analytics/bookings.csv') return [200, 'id,start\n'];
      if (requested.pathname === '/api/v1/analytics/summary') return [200, SUMMARY];
      return [200, BREAKDOWNS[requested.searchParams.get('by') as NoShowBreakdown]];
    });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Download CSV' }, WAIT));
    await waitFor(
      () => expect(saved).toEqual([{ href: 'blob:bookings', download: 'bookings-2026-10-01-to-2026-10-31.csv' }]),
      WAIT,
    );
    const request = calls.find((call) => call.url.startsWith('/api/v1/analytics/bookings.csv'));
    expect(request?.url).toBe('/api/v1/analytics/bookings.csv?from=2026-10-01&to=2026-10-31');
    expect(request?.headers.authorization).toBe('Bearer test-token');
  });

  it('says so when the range has no bookings', async () => {
    renderPage('/insights?from=2020-01-01&to=2020-01-31', (requested) =>
      requested.pathname === '/api/v1/analytics/summary'
        ? [200, { ...SUMMARY, bookings: { ...SUMMARY.bookings, total: 0 } }]
        : [200, { rows: [] }],
    );
    expect(
      await screen.findByText('No bookings between Wed, Jan 1, 2020 – Fri, Jan 31, 2020. Pick another range.', {}, WAIT),
    ).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the API’s error and retries', async () => {
    let fail = true;
    renderPage('/insights', (requested) => {
      if (fail) return [400, { statusCode: 400, code: 'validation_failed', message: ['from must be a date'] }];
      if (requested.pathname === '/api/v1/analytics/summary') return [200, SUMMARY];
      return [200, BREAKDOWNS[requested.searchParams.get('by') as NoShowBreakdown]];
    });
    expect((await screen.findByRole('alert', {}, WAIT)).textContent).toContain('from must be a date');
    fail = false;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(rowsOf(await table('No-shows by service'))).toEqual([['Haircut', '60', '12', '20%']]);
  });

  it('says the connection failed when the API cannot be reached', async () => {
    renderPage('/insights', () => {
      throw networkFailure();
    });
    expect((await screen.findByRole('alert', {}, WAIT)).textContent).toContain('Cannot reach the server');
  });
});

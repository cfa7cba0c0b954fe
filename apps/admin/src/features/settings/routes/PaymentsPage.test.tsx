import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_DEPOSIT_SETTINGS, type PaymentSettings, type Tenant } from '@frontdesk/contracts';
import { TenantProvider } from '../../../app/tenant-scope';
import { mockFetch, renderInTenant } from '../../../test-utils';
import { navigation, PaymentsPage } from './PaymentsPage';

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

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  localStorage.clear();
});

function renderPage(payments: PaymentSettings, url = '/settings/payments') {
  const calls = mockFetch((requested, { method }) => {
    if (requested.pathname === '/api/v1/settings/payments') return [200, payments];
    if (requested.pathname === '/api/v1/settings/deposits') return [200, DEFAULT_DEPOSIT_SETTINGS];
    if (requested.pathname === '/api/v1/services') return [200, { items: [] }];
    if (requested.pathname === '/api/v1/settings/payments/connect' && method === 'POST') {
      return [200, { url: 'https://connect.stripe.test/onboarding/acct_1' }];
    }
    return [404, { statusCode: 404, code: 'not_found', message: 'Not found' }];
  });
  renderInTenant(
    <MemoryRouter initialEntries={[url]}>
      <TenantProvider tenant={TENANT}>
        <PaymentsPage />
      </TenantProvider>
    </MemoryRouter>,
  );
  return calls;
}

describe('PaymentsPage', () => {
  it('says why no deposit is asked when the platform has no Stripe key, and offers no onboarding', async () => {
    renderPage({ available: false, mode: 'platform', stripeAccountId: null, chargesEnabled: false });
    expect(await screen.findByText(/STRIPE_SECRET_KEY is not set/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Stripe/ })).toBeNull();
    expect(await screen.findByRole('form', { name: 'Deposit rules' })).toBeTruthy();
  });

  it('sends the owner to Stripe onboarding with the link the API made', async () => {
    const assign = vi.spyOn(navigation, 'assign').mockImplementation(() => undefined);
    const calls = renderPage({ available: true, mode: 'platform', stripeAccountId: null, chargesEnabled: false });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Connect with Stripe' }));
    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://connect.stripe.test/onboarding/acct_1'));
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual(['/api/v1/settings/payments/connect']);
  });

  it('shows a connected account taking deposits, with no onboarding button', async () => {
    renderPage({ available: true, mode: 'connect', stripeAccountId: 'acct_1', chargesEnabled: true });
    expect(await screen.findByText(/paid into your own Stripe account \(acct_1\)/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Stripe/ })).toBeNull();
  });
});

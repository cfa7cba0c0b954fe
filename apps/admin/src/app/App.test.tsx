import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, TEST_USER } from '../test-utils';
import { App } from './App';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('session handling', () => {
  it('shows the sign-in form with labelled fields when nobody is signed in', async () => {
    mockFetch(() => [500, {}]);
    render(<App />);
    expect(await screen.findByLabelText('Email')).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('sends the user back to sign in when the API answers 401', async () => {
    localStorage.setItem('frontdesk.session', JSON.stringify({ accessToken: 'expired', user: TEST_USER }));
    window.history.replaceState(null, '', '/bookings');
    mockFetch(() => [401, { statusCode: 401, code: 'unauthorized', message: 'Token expired' }]);
    render(<App />);
    expect(await screen.findByText(/Your session has expired/, {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(localStorage.getItem('frontdesk.session')).toBeNull();
    expect(window.location.pathname).toBe('/sign-in');
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/bookings');
  });

  it('drops a stored token that has already expired', async () => {
    const payload = btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) - 60 }));
    localStorage.setItem('frontdesk.session', JSON.stringify({ accessToken: `x.${payload}.y`, user: TEST_USER }));
    mockFetch(() => [500, {}]);
    render(<App />);
    expect((await screen.findByRole('status')).textContent).toContain('Your session has expired');
  });
});

describe('customer pages', () => {
  const profile = {
    slug: 'demo',
    name: 'Demo Barbershop',
    timezone: 'UTC',
    currency: 'usd',
    locale: 'en',
    services: [],
    staff: [],
  };

  it.each([
    ['nobody', null],
    ['a signed-in owner', TEST_USER],
  ])('opens the booking page for %s, without the sign-in', async (_who, user) => {
    if (user) localStorage.setItem('frontdesk.session', JSON.stringify({ accessToken: 'owner-token', user }));
    window.history.replaceState(null, '', '/book/demo');
    const calls = mockFetch((url) => (url.pathname === '/api/v1/public/demo' ? [200, profile] : [500, {}]));
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Book at Demo Barbershop' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
    expect(window.location.pathname).toBe('/book/demo');
    // Customers' requests never carry the staff token.
    expect(calls.every((call) => call.headers.authorization === undefined)).toBe(true);
  });

  it('opens a manage link without signing in', async () => {
    window.history.replaceState(null, '', '/manage/some.signed.token');
    mockFetch(() => [401, { statusCode: 401, code: 'link_invalid', message: 'This link is not valid' }]);
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'This link is not valid' })).toBeTruthy();
    expect(window.location.pathname).toBe('/manage/some.signed.token');
  });
});

describe('navigation', () => {
  const tenant = {
    id: 'tenant-1',
    slug: 'salon',
    name: 'Salon',
    timezone: 'UTC',
    currency: 'usd',
    country: 'US',
    locale: 'en',
    status: 'active',
  };

  it.each([
    ['an owner', TEST_USER, true],
    ['a staff member', { ...TEST_USER, role: 'staff' as const }, false],
  ])('links %s to Insights only when they may read the reports', async (_who, user, linked) => {
    localStorage.setItem('frontdesk.session', JSON.stringify({ accessToken: 'token', user }));
    mockFetch((url) => (url.pathname === '/api/v1/tenant' ? [200, tenant] : [200, { items: [], total: 0 }]));
    render(<App />);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'Dashboard' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Insights' }) !== null).toBe(linked);
  });
});

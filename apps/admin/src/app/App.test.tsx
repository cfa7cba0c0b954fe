import { render, screen } from '@testing-library/react';
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

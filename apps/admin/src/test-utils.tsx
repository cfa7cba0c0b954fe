import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Routes } from 'react-router';
import { vi } from 'vitest';
import type { Booking, User } from '@frontdesk/contracts';
import { AuthProvider } from './app/auth';
import { TenantScopeProvider } from './app/tenant-scope';

export const TEST_USER: User = { id: 'u1', email: 'owner@example.test', name: 'Owner', role: 'owner', tenantId: 'tenant-1' };

/** A confirmed 30-minute booking made on the booking page, no deposit; `fields` override any of it. */
export function testBooking(fields: Partial<Booking> = {}): Booking {
  const start = fields.start ?? '2026-12-10T10:00:00.000Z';
  return {
    id: 'b1',
    status: 'confirmed',
    serviceId: 'cut',
    staffId: 'alex',
    start,
    end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
    customer: { id: 'c1', name: 'Ana Gómez', phone: '+15550101001', email: null },
    source: 'web',
    depositCents: 0,
    paymentStatus: 'none',
    paymentUrl: null,
    paymentExpiresAt: null,
    notes: null,
    customerConfirmedAt: null,
    noShowRisk: { score: 0.1, tier: 'medium', reasons: [] },
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...fields,
  };
}

/** Renders inside a signed-in user's tenant scope (the owner unless told) with a fresh query cache. */
export function renderInTenant(ui: ReactElement, user: User = TEST_USER) {
  localStorage.setItem('frontdesk.session', JSON.stringify({ accessToken: 'test-token', user }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <TenantScopeProvider tenantId="tenant-1" basePath="">
          {ui}
        </TenantScopeProvider>
      </AuthProvider>
    </QueryClientProvider>,
  );
}

export interface FetchCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** The JSON body sent, parsed. */
  body?: unknown;
}

/**
 * Replaces fetch with a handler of (url, request) → [status, body]; returns the calls made.
 * A handler that throws makes fetch fail as it does when the network does (no answer at all).
 */
export function mockFetch(handler: (url: URL, request: { method: string; body?: unknown }) => [number, unknown]) {
  const calls: FetchCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const sent: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ url: input, method, headers: (init?.headers ?? {}) as Record<string, string>, body: sent });
      let answer: [number, unknown];
      try {
        answer = handler(new URL(input, 'http://localhost'), { method, body: sent });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new TypeError('Failed to fetch'));
      }
      const [status, body] = answer;
      return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
    }),
  );
  return calls;
}

/** What a handler throws for a request that got no answer (the connection dropped). */
export const networkFailure = () => new TypeError('Failed to fetch');

/** Renders routes at a URL with nobody signed in (the customer-facing pages), with a fresh query cache. */
export function renderAt(url: string, routes: ReactElement) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>{routes}</Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

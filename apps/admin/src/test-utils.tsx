import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { User } from '@frontdesk/contracts';
import { AuthProvider } from './app/auth';
import { TenantScopeProvider } from './app/tenant-scope';

export const TEST_USER: User = { id: 'u1', email: 'owner@example.test', name: 'Owner', role: 'owner', tenantId: 'tenant-1' };

/** Renders inside a signed-in owner's tenant scope with a fresh query cache. */
export function renderInTenant(ui: ReactElement) {
  localStorage.setItem('frontdesk.session', JSON.stringify({ accessToken: 'test-token', user: TEST_USER }));
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
}

/** Replaces fetch with a handler of (url) → [status, body]; returns the calls made. */
export function mockFetch(handler: (url: URL) => [number, unknown]) {
  const calls: FetchCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string, init?: RequestInit) => {
      calls.push({ url: input, method: init?.method ?? 'GET', headers: (init?.headers ?? {}) as Record<string, string> });
      const [status, body] = handler(new URL(input, 'http://localhost'));
      return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
    }),
  );
  return calls;
}

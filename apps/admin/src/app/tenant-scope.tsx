import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo } from 'react';
import type { Role, Tenant } from '@frontdesk/contracts';
import { type ApiClient, createApiClient } from './api-client';
import { EXPIRED_NOTICE, useAuth, useSession } from './auth';

/** The tenant whose views are on screen: the user's own, or the one a super-admin opened. */
export interface TenantScope {
  tenantId: string;
  /** '' for owners and staff, `/tenants/:id` for a super-admin acting on a tenant. */
  basePath: string;
  role: Role;
  /** Owners and super-admins may change the catalog and schedule; staff read them. */
  canManage: boolean;
  api: ApiClient;
}

const TenantScopeContext = createContext<TenantScope | null>(null);
const TenantContext = createContext<Tenant | null>(null);

export const tenantKeys = {
  profile: (tenantId: string) => ['tenant', tenantId, 'profile'] as const,
};

export function TenantScopeProvider({
  tenantId,
  basePath,
  children,
}: {
  tenantId: string;
  basePath: string;
  children: ReactNode;
}) {
  const session = useSession();
  const { signOut } = useAuth();
  const role = session.user.role;
  const api = useMemo(
    () =>
      createApiClient({
        token: session.accessToken,
        tenantId: role === 'super_admin' ? tenantId : null,
        onUnauthorized: () => signOut(EXPIRED_NOTICE),
      }),
    [session.accessToken, role, tenantId, signOut],
  );
  const scope = useMemo<TenantScope>(
    () => ({ tenantId, basePath, role, canManage: role !== 'staff', api }),
    [tenantId, basePath, role, api],
  );
  return <TenantScopeContext.Provider value={scope}>{children}</TenantScopeContext.Provider>;
}

export function useTenantScope(): TenantScope {
  const scope = useContext(TenantScopeContext);
  if (!scope) throw new Error('useTenantScope outside a tenant scope');
  return scope;
}

/** Builds links inside the current tenant's views. */
export function useTenantPath(): (path: string) => string {
  const { basePath } = useTenantScope();
  return useCallback((path: string) => `${basePath}${path.startsWith('/') ? path : `/${path}`}`, [basePath]);
}

export function useTenantProfileQuery() {
  const { tenantId, api } = useTenantScope();
  return useQuery({ queryKey: tenantKeys.profile(tenantId), queryFn: () => api.get<Tenant>('/tenant'), staleTime: 5 * 60_000 });
}

export function TenantProvider({ tenant, children }: { tenant: Tenant; children: ReactNode }) {
  return <TenantContext.Provider value={tenant}>{children}</TenantContext.Provider>;
}

/** The business (its zone, currency and locale); the tenant layout loads it before any page renders. */
export function useTenant(): Tenant {
  const tenant = useContext(TenantContext);
  if (!tenant) throw new Error('useTenant outside the tenant layout');
  return tenant;
}

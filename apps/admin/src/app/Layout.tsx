import { type ReactNode, Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import type { Role } from '@frontdesk/contracts';
import { QueryState } from '../ui/QueryState';
import { Loading } from '../ui/states';
import { useAuth, useSession } from './auth';
import { TenantProvider, useTenantPath, useTenantProfileQuery, useTenantScope } from './tenant-scope';

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

/** `managersOnly`: pages of the owner's reports, which staff accounts may not read. */
export const TENANT_NAV: { path: string; label: string; managersOnly?: boolean }[] = [
  { path: '/', label: 'Dashboard' },
  { path: '/calendar', label: 'Calendar' },
  { path: '/bookings', label: 'Bookings' },
  { path: '/customers', label: 'Customers' },
  { path: '/conversations', label: 'Conversations' },
  { path: '/insights', label: 'Insights', managersOnly: true },
  { path: '/services', label: 'Services' },
  { path: '/staff', label: 'Staff' },
  { path: '/hours', label: 'Hours' },
  { path: '/settings', label: 'Settings' },
];

const ROLE_LABELS: Record<Role, string> = { super_admin: 'Super-admin', owner: 'Owner', staff: 'Staff' };

/** Header, navigation and the page; pages load lazily inside. */
export function AppShell({ nav, context, children }: { nav: NavItem[]; context?: ReactNode; children: ReactNode }) {
  const session = useSession();
  const { signOut } = useAuth();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Frontdesk</span>
        {context && <span className="topbar-context">{context}</span>}
        <span className="topbar-user">
          {session.user.name} <span className="muted">({ROLE_LABELS[session.user.role]})</span>
        </span>
        <button type="button" className="button button--small button--ghost" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {nav.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
    </div>
  );
}

/** A tenant's views: waits for the business profile (its zone, currency) before any page renders. */
export function TenantLayout() {
  const { role, canManage } = useTenantScope();
  const path = useTenantPath();
  const profile = useTenantProfileQuery();
  const nav: NavItem[] = [
    ...(role === 'super_admin' ? [{ to: '/tenants', label: '← All tenants', end: true }] : []),
    ...TENANT_NAV.filter((item) => canManage || !item.managersOnly).map((item) => ({
      to: path(item.path),
      label: item.label,
      end: item.path === '/',
    })),
  ];
  const tenant = profile.data;
  return (
    <AppShell
      nav={nav}
      context={
        tenant && (
          <>
            {tenant.name}
            {tenant.status === 'suspended' && <span className="badge badge--cancelled">Suspended</span>}
          </>
        )
      }
    >
      <QueryState query={profile} loading="Loading the business…">
        {(tenant) => (
          <TenantProvider tenant={tenant}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </TenantProvider>
        )}
      </QueryState>
    </AppShell>
  );
}

export function PlatformLayout() {
  return (
    <AppShell nav={[{ to: '/tenants', label: 'Tenants', end: true }]} context="Platform">
      <Outlet />
    </AppShell>
  );
}

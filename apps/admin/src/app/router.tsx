import { type ComponentType, lazy, type ReactNode } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation, useParams } from 'react-router';
import { useAuth, useSession } from './auth';
import { PlatformLayout, TenantLayout } from './Layout';
import { TenantScopeProvider } from './tenant-scope';

/** One chunk per route: `lazyPage(() => import('…'), 'ExportName')`. */
function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M): ComponentType {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const SignInPage = lazyPage(() => import('../features/auth/routes/SignInPage'), 'SignInPage');
const DashboardPage = lazyPage(() => import('../features/dashboard/routes/DashboardPage'), 'DashboardPage');
const CalendarPage = lazyPage(() => import('../features/calendar/routes/CalendarPage'), 'CalendarPage');
const BookingsPage = lazyPage(() => import('../features/bookings/routes/BookingsPage'), 'BookingsPage');
const BookingPage = lazyPage(() => import('../features/bookings/routes/BookingPage'), 'BookingPage');
const NewBookingPage = lazyPage(() => import('../features/bookings/routes/NewBookingPage'), 'NewBookingPage');
const CustomersPage = lazyPage(() => import('../features/customers/routes/CustomersPage'), 'CustomersPage');
const CustomerPage = lazyPage(() => import('../features/customers/routes/CustomerPage'), 'CustomerPage');
const ConversationsPage = lazyPage(() => import('../features/conversations/routes/ConversationsPage'), 'ConversationsPage');
const PlaygroundPage = lazyPage(() => import('../features/conversations/routes/PlaygroundPage'), 'PlaygroundPage');
const InsightsPage = lazyPage(() => import('../features/insights/routes/InsightsPage'), 'InsightsPage');
const ServicesPage = lazyPage(() => import('../features/services/routes/ServicesPage'), 'ServicesPage');
const StaffPage = lazyPage(() => import('../features/staff/routes/StaffPage'), 'StaffPage');
const HoursPage = lazyPage(() => import('../features/hours/routes/HoursPage'), 'HoursPage');
const SettingsPage = lazyPage(() => import('../features/settings/routes/SettingsPage'), 'SettingsPage');
const PaymentsPage = lazyPage(() => import('../features/settings/routes/PaymentsPage'), 'PaymentsPage');
const TenantsPage = lazyPage(() => import('../features/tenants/routes/TenantsPage'), 'TenantsPage');
// Customer-facing pages: no sign-in, and nothing of them in the admin's first load.
const PublicBookingPage = lazyPage(() => import('../features/public/routes/PublicBookingPage'), 'PublicBookingPage');
const ManageBookingPage = lazyPage(() => import('../features/public/routes/ManageBookingPage'), 'ManageBookingPage');

function RequireAuth() {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

function RequireSuperAdmin({ children }: { children: ReactNode }) {
  const session = useSession();
  return session.user.role === 'super_admin' ? children : <Navigate to="/" replace />;
}

/** Owners and staff: their own business at `/`. */
function OwnTenantArea() {
  const session = useSession();
  if (session.user.role === 'super_admin' || !session.user.tenantId) return <Navigate to="/tenants" replace />;
  return (
    <TenantScopeProvider key={session.user.tenantId} tenantId={session.user.tenantId} basePath="">
      <TenantLayout />
    </TenantScopeProvider>
  );
}

/** A super-admin looking at one business: `/tenants/:tenantId/…`, every request with X-Tenant-Id. */
function PlatformTenantArea() {
  const { tenantId = '' } = useParams();
  return (
    <RequireSuperAdmin>
      <TenantScopeProvider key={tenantId} tenantId={tenantId} basePath={`/tenants/${tenantId}`}>
        <TenantLayout />
      </TenantScopeProvider>
    </RequireSuperAdmin>
  );
}

function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
    </section>
  );
}

const tenantRoutes = (
  <>
    <Route index element={<DashboardPage />} />
    <Route path="calendar" element={<CalendarPage />} />
    <Route path="bookings" element={<BookingsPage />} />
    <Route path="bookings/new" element={<NewBookingPage />} />
    <Route path="bookings/:bookingId" element={<BookingPage />} />
    <Route path="customers" element={<CustomersPage />} />
    <Route path="customers/:customerId" element={<CustomerPage />} />
    <Route path="conversations" element={<ConversationsPage />} />
    <Route path="conversations/playground" element={<PlaygroundPage />} />
    <Route path="conversations/:conversationId" element={<ConversationsPage />} />
    <Route path="insights" element={<InsightsPage />} />
    <Route path="services" element={<ServicesPage />} />
    <Route path="staff" element={<StaffPage />} />
    <Route path="hours" element={<HoursPage />} />
    <Route path="settings" element={<SettingsPage />} />
    <Route path="settings/payments" element={<PaymentsPage />} />
    <Route path="*" element={<NotFound />} />
  </>
);

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route path="/book/:slug" element={<PublicBookingPage />} />
      <Route path="/manage/:token" element={<ManageBookingPage />} />
      <Route element={<RequireAuth />}>
        <Route
          path="/tenants"
          element={
            <RequireSuperAdmin>
              <PlatformLayout />
            </RequireSuperAdmin>
          }
        >
          <Route index element={<TenantsPage />} />
        </Route>
        <Route path="/tenants/:tenantId" element={<PlatformTenantArea />}>
          {tenantRoutes}
        </Route>
        <Route path="/" element={<OwnTenantArea />}>
          {tenantRoutes}
        </Route>
      </Route>
    </Routes>
  );
}

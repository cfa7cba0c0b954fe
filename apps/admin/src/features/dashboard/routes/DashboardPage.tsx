import { useMemo } from 'react';
import { Link } from 'react-router';
import type { Booking, BookingStatus } from '@frontdesk/contracts';
import { useTenant, useTenantPath } from '../../../app/tenant-scope';
import { addDays, formatDateTime, formatLocalDate, formatTime, startOfWeek, todayIn } from '../../../app/time';
import { allOf, QueryState } from '../../../ui/QueryState';
import { STATUS_LABELS, StatusBadge } from '../../../ui/StatusBadge';
import { Empty, PageHeader } from '../../../ui/states';
import { useBookings } from '../../bookings/api';
import { inboxUnavailable, useConversations } from '../../conversations/api';
import { INBOX_UNAVAILABLE } from '../../conversations/components/labels';
import { useServices } from '../../services/api';
import { useStaff } from '../../staff/api';

const ACTIVE: ReadonlySet<BookingStatus> = new Set(['held', 'pending_payment', 'confirmed']);
const WEEK_COUNTS: BookingStatus[] = ['confirmed', 'completed', 'cancelled', 'no_show'];

export function DashboardPage() {
  const tenant = useTenant();
  const path = useTenantPath();
  const today = todayIn(tenant.timezone);
  const weekStart = startOfWeek(today);
  const todays = useBookings({ from: today, to: today, limit: 500 });
  const upcoming = useBookings({ from: addDays(today, 1), to: addDays(today, 30), limit: 10 });
  const staff = useStaff();
  const services = useServices();
  const serviceName = (id: string) => services.data?.find((s) => s.id === id)?.name ?? '…';

  const byStaff = useMemo(() => {
    const groups = new Map<string, Booking[]>();
    for (const booking of todays.data?.items ?? []) {
      if (booking.status === 'cancelled' || booking.status === 'expired') continue;
      groups.set(booking.staffId, [...(groups.get(booking.staffId) ?? []), booking]);
    }
    return groups;
  }, [todays.data]);

  const now = Date.now();
  const next = [...(todays.data?.items ?? []), ...(upcoming.data?.items ?? [])]
    .filter((b) => ACTIVE.has(b.status) && Date.parse(b.start) >= now)
    .slice(0, 5);
  const activeStaff = (staff.data ?? []).filter((s) => s.active || byStaff.has(s.id));

  return (
    <section>
      <PageHeader title="Dashboard">
        <Link className="button button--primary" to={path('/bookings/new')}>
          New booking
        </Link>
      </PageHeader>
      <p className="muted">
        {formatLocalDate(today, tenant.locale, true)} · {tenant.timezone}
      </p>
      <div className="dashboard">
        <div className="card dashboard-today">
          <h2>Today</h2>
          <QueryState
            query={allOf(todays, staff)}
            loading="Loading today’s appointments…"
            empty="Nothing booked today."
            isEmpty={() => byStaff.size === 0}
          >
            {() => (
              <div className="today-columns">
                {activeStaff.map((member) => (
                  <div key={member.id} className="today-column">
                    <h3>{member.name}</h3>
                    {(byStaff.get(member.id) ?? []).length === 0 ? (
                      <p className="muted">Free all day</p>
                    ) : (
                      <ul className="plain-list">
                        {byStaff.get(member.id)!.map((booking) => (
                          <li key={booking.id} className={Date.parse(booking.end) < now ? 'is-past' : undefined}>
                            <Link to={path(`/bookings/${booking.id}`)}>
                              <strong>{formatTime(booking.start, tenant.timezone, tenant.locale)}</strong>{' '}
                              {booking.customer.name ?? booking.customer.phone}
                            </Link>{' '}
                            <span className="muted">{serviceName(booking.serviceId)}</span>{' '}
                            <StatusBadge status={booking.status} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                ))}
              </div>
            )}
          </QueryState>
        </div>
        <div className="card">
          <h2>Next up</h2>
          <QueryState query={allOf(todays, upcoming)} empty="No upcoming appointments." isEmpty={() => next.length === 0}>
            {() => (
              <ul className="plain-list">
                {next.map((booking) => (
                  <li key={booking.id}>
                    <Link to={path(`/bookings/${booking.id}`)}>
                      {formatDateTime(booking.start, tenant.timezone, tenant.locale)}
                    </Link>{' '}
                    · {booking.customer.name ?? booking.customer.phone} ·{' '}
                    <span className="muted">{serviceName(booking.serviceId)}</span>
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
        </div>
        <WeekCounts from={weekStart} to={addDays(weekStart, 6)} />
        <WaitingConversations />
      </div>
    </section>
  );
}

function WeekCount({ status, from, to }: { status: BookingStatus; from: string; to: string }) {
  const path = useTenantPath();
  const count = useBookings({ from, to, status, limit: 1 });
  return (
    <Link className="stat" to={path(`/bookings?from=${from}&to=${to}&status=${status}`)}>
      <span className="stat-value">{count.data ? count.data.total : '…'}</span> {STATUS_LABELS[status].toLowerCase()}
    </Link>
  );
}

function WeekCounts({ from, to }: { from: string; to: string }) {
  const tenant = useTenant();
  return (
    <div className="card">
      <h2>This week</h2>
      <p className="muted">
        {formatLocalDate(from, tenant.locale)} – {formatLocalDate(to, tenant.locale)}
      </p>
      <div className="stats">
        {WEEK_COUNTS.map((status) => (
          <WeekCount key={status} status={status} from={from} to={to} />
        ))}
      </div>
    </div>
  );
}

function WaitingConversations() {
  const path = useTenantPath();
  const waiting = useConversations({ flagged: true, limit: 5 });
  return (
    <div className="card">
      <h2>Waiting for staff</h2>
      <QueryState
        query={waiting}
        empty="Nobody is waiting. The bot has it covered."
        renderError={(error) => (inboxUnavailable(error) ? <Empty>{INBOX_UNAVAILABLE}</Empty> : undefined)}
      >
        {(list) => (
          <>
            <p>
              <strong>{list.total}</strong> conversation{list.total === 1 ? '' : 's'} need
              {list.total === 1 ? 's' : ''} a person.
            </p>
            <ul className="plain-list">
              {list.items.map((thread) => (
                <li key={thread.id}>
                  <Link to={path(`/conversations/${thread.id}`)}>{thread.customer.name ?? thread.customer.phone}</Link>{' '}
                  <span className="muted">{thread.lastMessagePreview ?? ''}</span>
                </li>
              ))}
            </ul>
            <Link to={path('/conversations?flagged=1')}>Open the inbox</Link>
          </>
        )}
      </QueryState>
    </div>
  );
}

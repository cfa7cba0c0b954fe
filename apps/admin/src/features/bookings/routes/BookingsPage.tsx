import { type FormEvent, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { BOOKING_STATUSES, type Booking, type BookingStatus } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { useTenant, useTenantPath } from '../../../app/tenant-scope';
import { formatDateTime, todayIn } from '../../../app/time';
import { type Column, DataTable } from '../../../ui/DataTable';
import { SelectField, TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { CustomerConfirmedMark } from '../../../ui/CustomerConfirmedMark';
import { PaymentBadge } from '../../../ui/PaymentBadge';
import { RiskBadge } from '../../../ui/RiskBadge';
import { SOURCE_LABELS, STATUS_LABELS, StatusBadge } from '../../../ui/StatusBadge';
import { FormErrors, PageHeader, Pagination } from '../../../ui/states';
import { useServices } from '../../services/api';
import { useStaff } from '../../staff/api';
import { useBookings } from '../api';

const PAGE_SIZE = 50;

export function BookingsPage() {
  const tenant = useTenant();
  const path = useTenantPath();
  const [params, setParams] = useSearchParams();
  const today = todayIn(tenant.timezone);
  // An empty `from` in the URL means no lower bound; no `from` at all means from today.
  const from = params.get('from') ?? today;
  const to = params.get('to') ?? '';
  const status = params.get('status') ?? '';
  const staffId = params.get('staff') ?? '';
  const q = params.get('q') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [searchText, setSearchText] = useState(q);

  const update = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      if (!('offset' in changes)) next.delete('offset');
      return next;
    });

  const bookings = useBookings({
    from: from || undefined,
    to: to || undefined,
    status: (status || undefined) as BookingStatus | undefined,
    staffId: staffId || undefined,
    // The API matches part of the customer's name or phone number.
    search: q || undefined,
    limit: PAGE_SIZE,
    offset,
  });
  const services = useServices();
  const staff = useStaff();
  const serviceNames = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s.name])), [services.data]);
  const staffNames = useMemo(() => new Map((staff.data ?? []).map((s) => [s.id, s.name])), [staff.data]);
  const filterErrors = splitErrors(bookings.error, ['from', 'to', 'status', 'staffId', 'search']);
  const columns: Column<Booking>[] = [
    {
      header: 'When',
      cell: (booking) => (
        <Link to={path(`/bookings/${booking.id}`)}>{formatDateTime(booking.start, tenant.timezone, tenant.locale)}</Link>
      ),
    },
    {
      header: 'Customer',
      cell: (booking) => (
        <>
          {booking.customer.name ?? '—'} <span className="muted">{booking.customer.phone}</span>
        </>
      ),
    },
    { header: 'Service', cell: (booking) => serviceNames.get(booking.serviceId) ?? '…' },
    { header: 'Staff', cell: (booking) => staffNames.get(booking.staffId) ?? '…' },
    {
      header: 'Status',
      cell: (booking) => (
        <>
          <StatusBadge status={booking.status} /> <PaymentBadge status={booking.paymentStatus} />{' '}
          <RiskBadge risk={booking.noShowRisk} /> <CustomerConfirmedMark at={booking.customerConfirmedAt} compact />
        </>
      ),
    },
    { header: 'Source', cell: (booking) => SOURCE_LABELS[booking.source] ?? booking.source },
  ];

  const search = (event: FormEvent) => {
    event.preventDefault();
    update({ q: searchText.trim() || null });
  };

  return (
    <section>
      <PageHeader title="Bookings">
        <Link className="button button--primary" to={path('/bookings/new')}>
          New booking
        </Link>
      </PageHeader>
      <form noValidate className="filters" onSubmit={search} aria-label="Filter bookings">
        <TextField
          label="From"
          type="date"
          value={from}
          onChange={(value) => update({ from: value })}
          errors={filterErrors.fields.from}
        />
        <TextField
          label="To"
          type="date"
          value={to}
          onChange={(value) => update({ to: value || null })}
          errors={filterErrors.fields.to}
        />
        <SelectField
          label="Status"
          value={status}
          onChange={(value) => update({ status: value || null })}
          options={[{ value: '', label: 'Any status' }, ...BOOKING_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))]}
        />
        <SelectField
          label="Staff member"
          value={staffId}
          onChange={(value) => update({ staff: value || null })}
          options={[{ value: '', label: 'Anyone' }, ...(staff.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
        />
        <TextField
          label="Phone or name"
          type="search"
          value={searchText}
          onChange={setSearchText}
          errors={filterErrors.fields.search}
          placeholder="+1 555… or Maria"
        />
        <div className="filters-actions">
          <button type="submit" className="button">
            Search
          </button>
          {(q || status || staffId || to || from !== today) && (
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setSearchText('');
                setParams(new URLSearchParams());
              }}
            >
              Clear filters
            </button>
          )}
        </div>
      </form>

      <FormErrors messages={filterErrors.form} />
      <QueryState
        query={bookings}
        loading="Loading bookings…"
        empty="No bookings match these filters."
        // A filter the API refused is said beside that filter.
        renderError={() => (Object.keys(filterErrors.fields).length ? null : undefined)}
      >
        {(list) => (
          <>
            <p className="muted" aria-live="polite">
              {list.total} booking{list.total === 1 ? '' : 's'}
              {bookings.isPlaceholderData ? ' · updating…' : ''}
            </p>
            <DataTable label="Bookings" columns={columns} rows={list.items} />
            <Pagination
              total={list.total}
              limit={PAGE_SIZE}
              offset={offset}
              onChange={(next) => update({ offset: String(next) })}
              label="Booking pages"
            />
          </>
        )}
      </QueryState>
    </section>
  );
}

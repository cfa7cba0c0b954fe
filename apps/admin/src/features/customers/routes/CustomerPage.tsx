import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Booking, CustomerDetail } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { useTenant, useTenantPath } from '../../../app/tenant-scope';
import { formatDateTime } from '../../../app/time';
import { type Column, DataTable } from '../../../ui/DataTable';
import { CheckboxField, TextAreaField, TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { StatusBadge } from '../../../ui/StatusBadge';
import { FormErrors, PageHeader } from '../../../ui/states';
import { useServices } from '../../services/api';
import { useCustomer, useUpdateCustomer } from '../api';

export function CustomerPage() {
  const { customerId = '' } = useParams();
  const customer = useCustomer(customerId);
  return (
    <QueryState
      query={customer}
      loading="Loading the customer…"
      notFound={
        <section>
          <h1>Customer not found</h1>
        </section>
      }
    >
      {(data) => <CustomerView key={data.id} customer={data} />}
    </QueryState>
  );
}

const FIELDS = ['name', 'email', 'notes', 'optedOut'] as const;

function CustomerView({ customer }: { customer: CustomerDetail }) {
  const tenant = useTenant();
  const path = useTenantPath();
  const services = useServices();
  const update = useUpdateCustomer();
  const [name, setName] = useState(customer.name ?? '');
  const [email, setEmail] = useState(customer.email ?? '');
  const [notes, setNotes] = useState(customer.notes ?? '');
  const [optedOut, setOptedOut] = useState(customer.optedOut);
  const [saved, setSaved] = useState(false);
  const errors = splitErrors(update.error, FIELDS);
  const serviceName = (id: string) => services.data?.find((s) => s.id === id)?.name ?? '…';
  const bookingColumns: Column<Booking>[] = [
    {
      header: 'When',
      cell: (booking) => (
        <Link to={path(`/bookings/${booking.id}`)}>{formatDateTime(booking.start, tenant.timezone, tenant.locale)}</Link>
      ),
    },
    { header: 'Service', cell: (booking) => serviceName(booking.serviceId) },
    { header: 'Status', cell: (booking) => <StatusBadge status={booking.status} /> },
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate(
      {
        id: customer.id,
        ...(name.trim() ? { name: name.trim() } : {}),
        email: email.trim() || null,
        notes: notes.trim() || null,
        optedOut,
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <section>
      <PageHeader title={customer.name ?? customer.phone}>
        <Link className="button button--ghost" to={path('/customers')}>
          All customers
        </Link>
      </PageHeader>
      <div className="stats" aria-label="History">
        <div className="stat">
          <span className="stat-value">{customer.visitCount}</span> visits
        </div>
        <div className="stat">
          <span className="stat-value">{customer.cancellationCount}</span> cancellations
        </div>
        <div className="stat">
          <span className="stat-value">{customer.noShowCount}</span> no-shows
        </div>
        <div className="stat">
          {customer.optedOut ? (
            <span className="badge badge--cancelled">Opted out of messages</span>
          ) : (
            <span className="badge badge--confirmed">Receives messages</span>
          )}
        </div>
      </div>
      <div className="detail-grid">
        <form noValidate className="card form" onSubmit={submit} aria-label="Customer details">
          <h2>Details</h2>
          <FormErrors messages={errors.form} />
          <p>
            <strong>Phone:</strong> {customer.phone}
          </p>
          <TextField label="Name" value={name} onChange={setName} errors={errors.fields.name} />
          <TextField label="Email" type="email" value={email} onChange={setEmail} errors={errors.fields.email} />
          <TextAreaField
            label="Notes"
            value={notes}
            onChange={setNotes}
            rows={4}
            errors={errors.fields.notes}
            hint="Only your team sees these."
          />
          <CheckboxField
            label="Opted out of messages"
            checked={optedOut}
            onChange={setOptedOut}
            errors={errors.fields.optedOut}
          />
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={update.isPending}>
              Save customer
            </button>
            {saved && (
              <span role="status" className="muted">
                Saved.
              </span>
            )}
          </div>
        </form>
        <div className="card">
          <h2>Bookings</h2>
          <DataTable label="Bookings" columns={bookingColumns} rows={customer.bookings} empty="No bookings yet." />
        </div>
      </div>
    </section>
  );
}

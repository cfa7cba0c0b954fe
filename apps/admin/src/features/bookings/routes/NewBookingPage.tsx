import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { AvailableSlot, Service, SlotUnavailableDetails, Staff } from '@frontdesk/contracts';
import { ApiError } from '../../../app/api-client';
import { splitErrors } from '../../../app/errors';
import { useTenant, useTenantPath } from '../../../app/tenant-scope';
import { formatDateTime } from '../../../app/time';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { allOf, QueryState } from '../../../ui/QueryState';
import { FormErrors, PageHeader } from '../../../ui/states';
import { useServices } from '../../services/api';
import { useStaff } from '../../staff/api';
import { useCreateBooking, useTenantSlotSource } from '../api';
import { SlotPicker } from '../components/SlotPicker';

const FIELDS = ['serviceId', 'staffId', 'start', 'customer.name', 'customer.phone', 'customer.email', 'notes'] as const;

/** Walk-ins and phone calls: the owner books on the customer's behalf (source "admin"). */
export function NewBookingPage() {
  const services = useServices();
  const staff = useStaff();
  return (
    <QueryState query={allOf(services, staff)}>
      {([services, staff]) => <NewBookingForm services={services} staff={staff} />}
    </QueryState>
  );
}

function NewBookingForm({ services, staff }: { services: Service[]; staff: Staff[] }) {
  const tenant = useTenant();
  const path = useTenantPath();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateBooking();
  const slotSource = useTenantSlotSource();
  const [serviceId, setServiceId] = useState(params.get('serviceId') ?? '');
  const [staffId, setStaffId] = useState(params.get('staffId') ?? '');
  const [slot, setSlot] = useState<AvailableSlot | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [notes, setNotes] = useState('');

  const activeServices = services.filter((s) => s.active);
  const activeStaff = staff.filter((s) => s.active && (s.serviceIds === null || !serviceId || s.serviceIds.includes(serviceId)));
  const staffName = (id: string) => staff.find((s) => s.id === id)?.name;
  const errors = splitErrors(create.error, FIELDS);
  const alternatives =
    create.error instanceof ApiError && create.error.code === 'slot_unavailable'
      ? ((create.error.body as Partial<SlotUnavailableDetails>).alternatives ?? [])
      : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!slot) return;
    create.mutate(
      {
        serviceId,
        start: slot.start,
        ...(staffId ? { staffId } : {}),
        customer: { name: name.trim(), phone: phone.trim(), ...(email.trim() ? { email: email.trim() } : {}) },
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      },
      { onSuccess: (booking) => void navigate(path(`/bookings/${booking.id}`)) },
    );
  };

  return (
    <section>
      <PageHeader title="New booking">
        <Link className="button button--ghost" to={path('/bookings')}>
          Back to bookings
        </Link>
      </PageHeader>
      <form noValidate className="card form" onSubmit={submit} aria-label="New booking">
        <FormErrors messages={errors.form} />
        {alternatives.length > 0 && (
          <div className="notice">
            <p>Nearest free times:</p>
            <div className="slot-list">
              {alternatives.map((alternative) => (
                <button key={alternative.start} type="button" className="slot" onClick={() => setSlot(alternative)}>
                  {formatDateTime(alternative.start, tenant.timezone, tenant.locale)}
                </button>
              ))}
            </div>
          </div>
        )}
        <div className="form-row">
          <SelectField
            label="Service"
            required
            value={serviceId}
            onChange={(value) => {
              setServiceId(value);
              setSlot(null);
            }}
            options={[
              { value: '', label: 'Choose a service' },
              ...activeServices.map((s) => ({ value: s.id, label: `${s.name} (${s.durationMinutes} min)` })),
            ]}
            errors={errors.fields.serviceId}
          />
          <SelectField
            label="Staff member"
            value={staffId}
            onChange={(value) => {
              setStaffId(value);
              setSlot(null);
            }}
            options={[{ value: '', label: 'Anyone free' }, ...activeStaff.map((s) => ({ value: s.id, label: s.name }))]}
            errors={errors.fields.staffId}
          />
        </div>
        <h2 className="form-section">Time</h2>
        <SlotPicker
          source={slotSource}
          serviceId={serviceId}
          staffId={staffId || undefined}
          timeZone={tenant.timezone}
          locale={tenant.locale}
          value={slot?.start ?? null}
          onChange={setSlot}
          initialDate={params.get('date') ?? undefined}
          staffName={staffName}
        />
        {errors.fields.start && (
          <ul className="field-errors">
            {errors.fields.start.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        <p className="selected-slot" aria-live="polite">
          {slot ? `Chosen: ${formatDateTime(slot.start, tenant.timezone, tenant.locale)}` : 'No time chosen yet.'}
        </p>
        <h2 className="form-section">Customer</h2>
        <div className="form-row">
          <TextField
            label="Customer name"
            required
            value={name}
            onChange={setName}
            errors={errors.fields['customer.name']}
            autoComplete="off"
          />
          <TextField
            label="Phone"
            type="tel"
            required
            value={phone}
            onChange={setPhone}
            errors={errors.fields['customer.phone']}
            autoComplete="off"
          />
          <TextField
            label="Email (optional)"
            type="email"
            value={email}
            onChange={setEmail}
            errors={errors.fields['customer.email']}
            autoComplete="off"
          />
        </div>
        <TextAreaField label="Notes (optional)" value={notes} onChange={setNotes} rows={2} errors={errors.fields.notes} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={!slot || create.isPending}>
            {create.isPending ? 'Booking…' : 'Create booking'}
          </button>
        </div>
      </form>
    </section>
  );
}

import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Booking } from '@frontdesk/contracts';
import { ApiError } from '../../../app/api-client';
import { useTenant, useTenantPath } from '../../../app/tenant-scope';
import { formatDateTime, formatMoney, formatTime, toZoned } from '../../../app/time';
import { SelectField, TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { CustomerConfirmedMark } from '../../../ui/CustomerConfirmedMark';
import { SOURCE_LABELS, StatusBadge } from '../../../ui/StatusBadge';
import { FormErrors, PageHeader } from '../../../ui/states';
import { useServices } from '../../services/api';
import { useStaff } from '../../staff/api';
import { useBooking, useCancelBooking, useRescheduleBooking, useSetBookingStatus, useTenantSlotSource } from '../api';
import { BookingReminders } from '../components/BookingReminders';
import { BookingDeposit } from '../components/BookingDeposit';
import { ServiceChangePanel } from '../components/ServiceChangePanel';
import { SlotPicker } from '../components/SlotPicker';

const ACTIVE = new Set(['held', 'pending_payment', 'confirmed']);

export function BookingPage() {
  const { bookingId = '' } = useParams();
  const booking = useBooking(bookingId);
  return (
    <QueryState
      query={booking}
      loading="Loading the booking…"
      notFound={
        <section>
          <h1>Booking not found</h1>
          <p>It may have been removed, or it belongs to another business.</p>
        </section>
      }
    >
      {(data) => <BookingDetail booking={data} />}
    </QueryState>
  );
}

function BookingDetail({ booking }: { booking: Booking }) {
  const tenant = useTenant();
  const path = useTenantPath();
  const services = useServices();
  const staff = useStaff();
  const setStatus = useSetBookingStatus();
  const [panel, setPanel] = useState<'none' | 'cancel' | 'reschedule' | 'service'>('none');
  const service = services.data?.find((s) => s.id === booking.serviceId);
  const staffName = (id: string) => staff.data?.find((s) => s.id === id)?.name;
  const active = ACTIVE.has(booking.status);
  const isPast = Date.parse(booking.start) < Date.now();

  return (
    <section>
      <PageHeader title={`${service?.name ?? 'Booking'} · ${booking.customer.name ?? booking.customer.phone}`}>
        <Link className="button button--ghost" to={path('/bookings')}>
          All bookings
        </Link>
      </PageHeader>
      <div className="detail-grid">
        <dl className="card details">
          <dt>Status</dt>
          <dd>
            <StatusBadge status={booking.status} /> <CustomerConfirmedMark at={booking.customerConfirmedAt} />
          </dd>
          <dt>When</dt>
          <dd>
            {formatDateTime(booking.start, tenant.timezone, tenant.locale)} –{' '}
            {formatTime(booking.end, tenant.timezone, tenant.locale)}
          </dd>
          <dt>Staff</dt>
          <dd>{staffName(booking.staffId) ?? '…'}</dd>
          <dt>Customer</dt>
          <dd>
            <Link to={path(`/customers/${booking.customer.id}`)}>{booking.customer.name ?? 'No name'}</Link>
            <br />
            {booking.customer.phone}
            {booking.customer.email && (
              <>
                <br />
                {booking.customer.email}
              </>
            )}
          </dd>
          {service && (
            <>
              <dt>Price</dt>
              <dd>{formatMoney(service.priceCents, tenant.currency, tenant.locale)}</dd>
            </>
          )}
          <dt>Source</dt>
          <dd>{SOURCE_LABELS[booking.source] ?? booking.source}</dd>
          {booking.notes && (
            <>
              <dt>Notes</dt>
              <dd className="pre-wrap">{booking.notes}</dd>
            </>
          )}
        </dl>
        <BookingDeposit booking={booking} tenant={tenant} />
        <div className="card">
          <h2>Actions</h2>
          <FormErrors
            messages={
              setStatus.error ? (setStatus.error instanceof ApiError ? setStatus.error.messages : [setStatus.error.message]) : []
            }
          />
          <div className="form-actions form-actions--wrap">
            {(booking.status === 'held' || booking.status === 'pending_payment') && (
              <button
                type="button"
                className="button button--primary"
                disabled={setStatus.isPending}
                onClick={() => setStatus.mutate({ id: booking.id, status: 'confirmed' })}
              >
                Confirm
              </button>
            )}
            {(booking.status === 'confirmed' || booking.status === 'no_show') && isPast && (
              <button
                type="button"
                className="button"
                disabled={setStatus.isPending}
                onClick={() => setStatus.mutate({ id: booking.id, status: 'completed' })}
              >
                Mark completed
              </button>
            )}
            {(booking.status === 'confirmed' || booking.status === 'completed') && isPast && (
              <button
                type="button"
                className="button"
                disabled={setStatus.isPending}
                onClick={() => setStatus.mutate({ id: booking.id, status: 'no_show' })}
              >
                Mark no-show
              </button>
            )}
            {active && (
              <button
                type="button"
                className="button"
                aria-expanded={panel === 'reschedule'}
                onClick={() => setPanel(panel === 'reschedule' ? 'none' : 'reschedule')}
              >
                Reschedule
              </button>
            )}
            {booking.status === 'confirmed' && (
              <button
                type="button"
                className="button"
                aria-expanded={panel === 'service'}
                onClick={() => setPanel(panel === 'service' ? 'none' : 'service')}
              >
                Change service
              </button>
            )}
            {active && (
              <button
                type="button"
                className="button button--danger"
                aria-expanded={panel === 'cancel'}
                onClick={() => setPanel(panel === 'cancel' ? 'none' : 'cancel')}
              >
                Cancel booking
              </button>
            )}
          </div>
          {!active && !isPast && <p className="muted">This booking is {booking.status.replace('_', ' ')}; nothing more to do.</p>}
          {active && !isPast && <p className="field-hint">Completed and no-show can be set once the appointment has started.</p>}
          {panel === 'cancel' && <CancelPanel booking={booking} onDone={() => setPanel('none')} />}
          {panel === 'service' && (
            <ServiceChangePanel
              booking={booking}
              tenant={tenant}
              services={services.data ?? []}
              staffName={staffName}
              onDone={() => setPanel('none')}
            />
          )}
          {panel === 'reschedule' && (
            <ReschedulePanel
              booking={booking}
              staff={(staff.data ?? []).filter((s) => s.active)}
              staffName={staffName}
              onDone={() => setPanel('none')}
            />
          )}
        </div>
        <BookingReminders booking={booking} />
      </div>
    </section>
  );
}

function CancelPanel({ booking, onDone }: { booking: Booking; onDone: () => void }) {
  const cancel = useCancelBooking();
  const [reason, setReason] = useState('');
  return (
    <form
      noValidate
      className="subpanel"
      aria-label="Cancel the booking"
      onSubmit={(event) => {
        event.preventDefault();
        cancel.mutate({ id: booking.id, reason: reason.trim() || undefined }, { onSuccess: onDone });
      }}
    >
      <FormErrors
        messages={cancel.error ? (cancel.error instanceof ApiError ? cancel.error.messages : [cancel.error.message]) : []}
      />
      <TextField label="Reason (optional)" value={reason} onChange={setReason} maxLength={500} />
      <div className="form-actions">
        <button type="submit" className="button button--danger" disabled={cancel.isPending}>
          Confirm cancellation
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          Keep the booking
        </button>
      </div>
    </form>
  );
}

function ReschedulePanel({
  booking,
  staff,
  staffName,
  onDone,
}: {
  booking: Booking;
  staff: { id: string; name: string }[];
  staffName: (id: string) => string | undefined;
  onDone: () => void;
}) {
  const tenant = useTenant();
  const reschedule = useRescheduleBooking();
  const slotSource = useTenantSlotSource();
  const [staffId, setStaffId] = useState(booking.staffId);
  const [slot, setSlot] = useState<{ start: string; staffIds: string[] } | null>(null);
  const errors =
    reschedule.error instanceof ApiError ? reschedule.error.messages : reschedule.error ? [reschedule.error.message] : [];
  return (
    <div className="subpanel" role="region" aria-label="Reschedule">
      <SelectField
        label="With"
        value={staffId}
        onChange={(value) => {
          setStaffId(value);
          setSlot(null);
        }}
        options={[{ value: '', label: 'Anyone free' }, ...staff.map((s) => ({ value: s.id, label: s.name }))]}
      />
      <SlotPicker
        source={slotSource}
        serviceId={booking.serviceId}
        excludeBookingId={booking.id}
        staffId={staffId || undefined}
        timeZone={tenant.timezone}
        locale={tenant.locale}
        value={slot?.start ?? null}
        onChange={setSlot}
        initialDate={toZoned(booking.start, tenant.timezone).date}
        staffName={staffName}
      />
      <FormErrors messages={errors} />
      <div className="form-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!slot || reschedule.isPending}
          onClick={() =>
            slot &&
            reschedule.mutate({ id: booking.id, start: slot.start, staffId: staffId || slot.staffIds[0] }, { onSuccess: onDone })
          }
        >
          {slot ? `Move to ${formatDateTime(slot.start, tenant.timezone, tenant.locale)}` : 'Choose a new time'}
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          Close
        </button>
      </div>
    </div>
  );
}

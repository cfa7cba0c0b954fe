import { type ReactNode, useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { AvailableSlot, ManageView, PublicProfile } from '@frontdesk/contracts';
import { formatDateTime, toZoned } from '../../../app/time';
import { SelectField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { STATUS_LABELS } from '../../../ui/StatusBadge';
import { SlotPicker } from '../../bookings/components/SlotPicker';
import {
  useConfirmingPayment,
  useManageCancel,
  useManageReschedule,
  useManageView,
  usePublicProfile,
  usePublicSlotSource,
} from '../api';
import { alternativesOf, manageHref, publicProblem, serviceFacts } from '../booking-form';
import { checkoutReturnOf, ManagePayment } from '../components/ManagePayment';
import { PublicLoading, PublicLoadProblem, PublicShell } from '../components/PublicShell';

/** `/manage/:token`: the customer's own booking, from the signed link in their confirmation. */
export function ManageBookingPage() {
  const { token = '' } = useParams();
  const [params] = useSearchParams();
  const returned = checkoutReturnOf(params.get('payment'));
  const view = useManageView(token, { returnedFromCheckout: returned === 'success' });
  const confirming = useConfirmingPayment(token, view.data);
  return (
    <QueryState
      query={view}
      loading={<PublicLoading label="Loading your booking…" />}
      renderError={(error, retry) => <PublicLoadProblem error={error} onRetry={retry} />}
    >
      {(data) => (
        <ManageBooking key={token} token={token} view={data}>
          <ManagePayment view={data} returned={returned} confirming={confirming} />
        </ManageBooking>
      )}
    </QueryState>
  );
}

function ManageBooking({ token, view, children }: { token: string; view: ManageView; children: ReactNode }) {
  const { booking, business } = view;
  // Names and prices of the service and staff; the page still works without them.
  const profile = usePublicProfile(business.slug);
  const [panel, setPanel] = useState<'none' | 'cancel' | 'reschedule'>('none');
  // A reschedule lands here on the booking's new link, with what happened.
  const location = useLocation();
  const [notice, setNotice] = useState<string | null>(
    typeof (location.state as { notice?: unknown } | null)?.notice === 'string'
      ? (location.state as { notice: string }).notice
      : null,
  );
  const service = profile.data?.services.find((s) => s.id === booking.serviceId);
  const staff = profile.data?.staff.find((s) => s.id === booking.staffId);
  const active = booking.status === 'confirmed' || booking.status === 'held' || booking.status === 'pending_payment';
  // An old link (the booking changed since it was sent) shows the booking as it is now, and nothing to press.
  const changeable = active && view.canChange && !view.readOnly;

  return (
    <PublicShell business={business.name}>
      <section className="card" aria-labelledby="manage-heading">
        <h1 id="manage-heading">Your appointment</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <dl className="details">
          <dt>When</dt>
          <dd>{formatDateTime(booking.start, business.timezone, business.locale)}</dd>
          <dt>Service</dt>
          <dd>
            {service
              ? `${service.name} · ${serviceFacts(service, business.currency, business.locale)}`
              : profile.isPending
                ? '…'
                : 'Appointment'}
          </dd>
          {staff && (
            <>
              <dt>With</dt>
              <dd>{staff.name}</dd>
            </>
          )}
          <dt>Status</dt>
          <dd data-testid="booking-status">{STATUS_LABELS[booking.status]}</dd>
          <dt>Name</dt>
          <dd>{booking.customer.name ?? '—'}</dd>
        </dl>
        {children}
        {!active ? (
          <p>
            {booking.status === 'cancelled'
              ? 'This appointment is cancelled. You can book a new one any time.'
              : 'This appointment can no longer be changed online.'}
          </p>
        ) : view.readOnly ? (
          <p className="notice" data-testid="read-only-notice">
            Your appointment has changed since this link was sent, so this page shows it as it is now but cannot change it. Use
            the link in your latest confirmation, or contact {business.name}.
          </p>
        ) : !view.canChange ? (
          <p className="notice">
            Changes are possible online up to {view.cancellationNoticeHours} hours before the appointment. Please contact{' '}
            {business.name} to change it.
          </p>
        ) : (
          <div className="form-actions">
            <button
              type="button"
              className="button button--primary"
              aria-expanded={panel === 'reschedule'}
              onClick={() => setPanel(panel === 'reschedule' ? 'none' : 'reschedule')}
            >
              Reschedule
            </button>
            <button
              type="button"
              className="button button--danger"
              aria-expanded={panel === 'cancel'}
              onClick={() => setPanel(panel === 'cancel' ? 'none' : 'cancel')}
            >
              Cancel appointment
            </button>
          </div>
        )}
        {changeable && panel === 'cancel' && (
          <CancelPanel
            token={token}
            onDone={(cancelled) => {
              setPanel('none');
              if (cancelled) setNotice('Your appointment is cancelled.');
            }}
          />
        )}
        {changeable && panel === 'reschedule' && (
          <ReschedulePanel
            token={token}
            view={view}
            profile={profile.data}
            onClose={() => setPanel('none')}
            onMoved={setNotice}
          />
        )}
      </section>
      {!active && (
        <p>
          <a href={`/book/${encodeURIComponent(business.slug)}`}>Book a new appointment at {business.name}</a>
        </p>
      )}
    </PublicShell>
  );
}

function CancelPanel({ token, onDone }: { token: string; onDone: (cancelled: boolean) => void }) {
  const cancel = useManageCancel(token);
  const problem = cancel.isError ? publicProblem(cancel.error) : null;
  return (
    <div className="subpanel" role="region" aria-label="Cancel appointment">
      <p>
        <strong>Cancel this appointment?</strong> The time is given to someone else.
      </p>
      {problem && (
        <div className="form-errors" role="alert">
          <p>
            <strong>{problem.title}.</strong> {problem.message}
          </p>
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="button button--danger"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate(undefined, { onSuccess: () => onDone(true) })}
        >
          {cancel.isPending ? 'Cancelling…' : 'Yes, cancel it'}
        </button>
        <button type="button" className="button button--ghost" onClick={() => onDone(false)}>
          Keep it
        </button>
      </div>
    </div>
  );
}

function ReschedulePanel({
  token,
  view,
  profile,
  onClose,
  onMoved,
}: {
  token: string;
  view: ManageView;
  profile: PublicProfile | undefined;
  onClose: () => void;
  onMoved: (notice: string) => void;
}) {
  const { booking, business } = view;
  const navigate = useNavigate();
  const slotSource = usePublicSlotSource(business.slug);
  const reschedule = useManageReschedule(token);
  const staffName = (id: string) => profile?.staff.find((s) => s.id === id)?.name;
  // The link keeps the same person when they are free; "anyone" widens the choice.
  const [withSame, setWithSame] = useState(true);
  // The same service unless the customer picks another (the booking's deposit rules still apply).
  const [serviceId, setServiceId] = useState(booking.serviceId);
  const [slot, setSlot] = useState<AvailableSlot | null>(null);
  const alternatives = alternativesOf(reschedule.error);
  const problem = reschedule.isError ? publicProblem(reschedule.error) : null;
  const current = staffName(booking.staffId);
  const otherService = serviceId === booking.serviceId ? null : profile?.services.find((s) => s.id === serviceId);
  const offered = profile?.services ?? [];
  // A service withdrawn since the booking was made is not offered, but the booking may keep it.
  const services = offered.map((s) => ({
    value: s.id,
    label: `${s.name} · ${serviceFacts(s, business.currency, business.locale)}`,
  }));
  if (!offered.some((s) => s.id === booking.serviceId))
    services.unshift({ value: booking.serviceId, label: 'Your current service' });

  const move = () => {
    if (!slot) return;
    reschedule.mutate(
      { start: slot.start, ...(otherService && { serviceId: otherService.id }) },
      {
        onSuccess: (moved) => {
          const when = formatDateTime(moved.start, business.timezone, business.locale);
          const notice = `${otherService ? `Changed to ${otherService.name}, ${when}` : `Moved to ${when}`}. This page has a new address: keep it to manage the booking.`;
          onMoved(notice);
          onClose();
          // The link expires at the appointment's start, so a new time comes with a new link.
          const href = manageHref(moved.manageUrl, window.location.origin);
          if ('path' in href) void navigate(href.path, { replace: true, state: { notice } });
          else window.location.replace(href.url);
        },
      },
    );
  };

  return (
    <div className="subpanel" role="region" aria-label="Reschedule">
      {services.length > 1 && (
        <SelectField
          label="Service"
          value={serviceId}
          onChange={(value) => {
            setServiceId(value);
            setSlot(null);
            reschedule.reset();
          }}
          options={services}
        />
      )}
      {current && (
        <SelectField
          label="With"
          value={withSame ? 'same' : 'anyone'}
          onChange={(value) => {
            setWithSame(value === 'same');
            setSlot(null);
          }}
          options={[
            { value: 'same', label: current },
            { value: 'anyone', label: 'Anyone' },
          ]}
        />
      )}
      <SlotPicker
        source={slotSource}
        layout="day"
        serviceId={serviceId}
        staffId={withSame && current ? booking.staffId : undefined}
        excludeBookingId={booking.id}
        timeZone={business.timezone}
        locale={business.locale}
        value={slot?.start ?? null}
        onChange={setSlot}
        initialDate={toZoned(booking.start, business.timezone).date}
        staffName={withSame ? undefined : staffName}
      />
      {problem && (
        <div className="form-errors" role="alert">
          <p>
            <strong>{problem.title}.</strong> {problem.message}
          </p>
          {alternatives.length > 0 && (
            <div className="slot-list">
              {alternatives.map((alternative) => (
                <button
                  key={alternative.start}
                  type="button"
                  className="slot"
                  onClick={() => {
                    setSlot(alternative);
                    reschedule.reset();
                  }}
                >
                  {formatDateTime(alternative.start, business.timezone, business.locale)}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button button--primary" disabled={!slot || reschedule.isPending} onClick={move}>
          {!slot
            ? 'Choose a new time'
            : `${otherService ? `Change to ${otherService.name} at` : 'Move to'} ${formatDateTime(slot.start, business.timezone, business.locale)}`}
        </button>
        <button type="button" className="button button--ghost" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

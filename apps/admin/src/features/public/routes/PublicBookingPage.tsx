import { type FormEvent, lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { AvailableSlot, CreatedBooking, PublicProfile } from '@frontdesk/contracts';
import { ApiError } from '../../../app/api-client';
import { splitErrors } from '../../../app/errors';
import { formatDateTime, formatMoney } from '../../../app/time';
import { SelectField, TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { FormErrors } from '../../../ui/states';
import { SlotPicker } from '../../bookings/components/SlotPicker';
import { useCreatePublicBooking, usePublicProfile, usePublicSlotSource } from '../api';
import {
  alternativesOf,
  BOOKING_FIELDS,
  type BookingDraft,
  EMPTY_DRAFT,
  formatDuration,
  manageHref,
  publicProblem,
  serviceFacts,
  staffFor,
  toBookingRequest,
  withService,
} from '../booking-form';
import { awaitsDeposit, DepositCheckout } from '../components/DepositCheckout';
import { PublicLoading, PublicLoadProblem, PublicShell } from '../components/PublicShell';

/** The chat's code and styles load only when a customer opens it: the booking form does not wait for them. */
const ChatPanel = lazy(() => import('../chat/ChatPanel'));

/** `/book/:slug`: a customer books a service of the business without an account. */
export function PublicBookingPage() {
  const { slug = '' } = useParams();
  const profile = usePublicProfile(slug);
  return (
    <QueryState
      query={profile}
      loading={<PublicLoading />}
      renderError={(error, retry) => <PublicLoadProblem error={error} onRetry={retry} />}
    >
      {(data) => <BookingForm key={slug} profile={data} />}
    </QueryState>
  );
}

function BookingForm({ profile }: { profile: PublicProfile }) {
  const slotSource = usePublicSlotSource(profile.slug);
  const create = useCreatePublicBooking(profile.slug);
  const [draft, setDraft] = useState<BookingDraft>(EMPTY_DRAFT);
  const change = (changes: Partial<BookingDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const { timezone, locale, currency } = profile;
  const staffName = (id: string) => profile.staff.find((s) => s.id === id)?.name;
  const service = profile.services.find((s) => s.id === draft.serviceId);
  const staffChoices = staffFor(profile.staff, draft.serviceId);
  const errors = splitErrors(create.error, BOOKING_FIELDS);
  const alternatives = alternativesOf(create.error);
  const request = toBookingRequest(draft);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (request) create.mutate(request);
  };

  if (create.isSuccess) {
    return (
      <PublicShell business={profile.name}>
        {awaitsDeposit(create.data) ? (
          <DepositCheckout profile={profile} booking={create.data} />
        ) : (
          <Confirmation profile={profile} booking={create.data} />
        )}
      </PublicShell>
    );
  }

  return (
    <PublicShell business={profile.name}>
      <h1>Book at {profile.name}</h1>
      <p className="muted">Times are shown in the business’s time zone ({timezone}).</p>
      <form noValidate className="public-form" onSubmit={submit} aria-label="Book an appointment">
        <fieldset className="public-step">
          <legend>1. Service</legend>
          {profile.services.length === 0 ? (
            <p className="empty">This business has no services to book online yet.</p>
          ) : (
            <div className="choice-list">
              {profile.services.map((s) => (
                <label key={s.id} className="choice">
                  <input
                    type="radio"
                    name="service"
                    value={s.id}
                    checked={draft.serviceId === s.id}
                    onChange={() => setDraft((current) => withService(current, s.id, profile.staff))}
                  />
                  <span className="choice-name">{s.name}</span>{' '}
                  <span className="choice-facts">{serviceFacts(s, currency, locale)}</span>
                </label>
              ))}
            </div>
          )}
          {errors.fields.serviceId && <FieldMessages messages={errors.fields.serviceId} />}
        </fieldset>

        <fieldset className="public-step">
          <legend>2. Day and time</legend>
          {staffChoices.length > 1 && (
            <SelectField
              label="With"
              value={draft.staffId}
              onChange={(staffId) => change({ staffId, slot: null })}
              options={[{ value: '', label: 'Anyone' }, ...staffChoices.map((s) => ({ value: s.id, label: s.name }))]}
              errors={errors.fields.staffId}
            />
          )}
          <SlotPicker
            source={slotSource}
            layout="day"
            serviceId={draft.serviceId}
            staffId={draft.staffId || undefined}
            timeZone={timezone}
            locale={locale}
            value={draft.slot?.start ?? null}
            onChange={(slot) => change({ slot })}
            staffName={draft.staffId ? undefined : staffName}
          />
          {errors.fields.start && <FieldMessages messages={errors.fields.start} />}
          <p className="selected-slot" aria-live="polite">
            {draft.slot ? `Chosen: ${formatDateTime(draft.slot.start, timezone, locale)}` : 'No time chosen yet.'}
          </p>
        </fieldset>

        <fieldset className="public-step">
          <legend>3. Your details</legend>
          <TextField
            label="Name"
            required
            autoComplete="name"
            value={draft.name}
            onChange={(name) => change({ name })}
            errors={errors.fields['customer.name']}
          />
          <TextField
            label="Phone"
            type="tel"
            required
            autoComplete="tel"
            value={draft.phone}
            onChange={(phone) => change({ phone })}
            errors={errors.fields['customer.phone']}
            hint="We text your confirmation and reminders to this number."
          />
          <TextField
            label="Email (optional)"
            type="email"
            autoComplete="email"
            value={draft.email}
            onChange={(email) => change({ email })}
            errors={errors.fields['customer.email']}
          />
        </fieldset>

        {alternatives.length > 0 ? (
          <Alternatives
            alternatives={alternatives}
            timeZone={timezone}
            locale={locale}
            onPick={(slot) => {
              change({ slot });
              create.reset();
            }}
          />
        ) : (
          <FormErrors messages={formMessages(create.error, errors.form)} />
        )}

        <div className="public-summary" aria-live="polite">
          {service && (
            <p>
              {service.name} · {formatDuration(service.durationMinutes)} · {formatMoney(service.priceCents, currency, locale)}
              {draft.slot ? ` · ${formatDateTime(draft.slot.start, timezone, locale)}` : ''}
            </p>
          )}
          <button type="submit" className="button button--primary public-submit" disabled={!request || create.isPending}>
            {create.isPending ? 'Booking…' : 'Book appointment'}
          </button>
        </div>
      </form>
      <ChatCorner slug={profile.slug} business={profile.name} />
    </PublicShell>
  );
}

/** Validation problems that name no field as the API said them; anything else in plain words. */
function formMessages(error: unknown, unplaced: string[]): string[] {
  if (!error) return [];
  if (error instanceof ApiError && error.code === 'validation_failed') return unplaced;
  return [publicProblem(error).message];
}

function FieldMessages({ messages }: { messages: string[] }) {
  return (
    <ul className="field-errors">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

function Alternatives({
  alternatives,
  timeZone,
  locale,
  onPick,
}: {
  alternatives: AvailableSlot[];
  timeZone: string;
  locale: string;
  onPick: (slot: AvailableSlot) => void;
}) {
  return (
    <div className="notice" role="alert">
      <p>
        <strong>That time is no longer free.</strong> The nearest free times:
      </p>
      <div className="slot-list">
        {alternatives.map((alternative) => (
          <button key={alternative.start} type="button" className="slot" onClick={() => onPick(alternative)}>
            {formatDateTime(alternative.start, timeZone, locale)}
          </button>
        ))}
      </div>
    </div>
  );
}

/** "Chat with us": opens the chat with the business's assistant, loading it on first use. */
function ChatCorner({ slug, business }: { slug: string; business: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <p className="chat-corner">
        <button type="button" className="button button--ghost" onClick={() => setOpen(true)}>
          Chat with us
        </button>
      </p>
    );
  }
  return (
    <Suspense fallback={<p className="muted">Opening the chat…</p>}>
      <ChatPanel slug={slug} business={business} onClose={() => setOpen(false)} />
    </Suspense>
  );
}

function Confirmation({ profile, booking }: { profile: PublicProfile; booking: CreatedBooking }) {
  const service = profile.services.find((s) => s.id === booking.serviceId);
  const staff = profile.staff.find((s) => s.id === booking.staffId);
  const href = manageHref(booking.manageUrl, window.location.origin);
  return (
    <section className="card" aria-labelledby="booked-heading">
      <h1 id="booked-heading">You’re booked</h1>
      <dl className="details">
        <dt>When</dt>
        <dd>{formatDateTime(booking.start, profile.timezone, profile.locale)}</dd>
        {service && (
          <>
            <dt>Service</dt>
            <dd>
              {service.name} · {serviceFacts(service, profile.currency, profile.locale)}
            </dd>
          </>
        )}
        {staff && (
          <>
            <dt>With</dt>
            <dd>{staff.name}</dd>
          </>
        )}
        <dt>Name</dt>
        <dd>{booking.customer.name}</dd>
        <dt>Phone</dt>
        <dd>{booking.customer.phone}</dd>
      </dl>
      <p>Keep this link to view, reschedule or cancel your appointment:</p>
      <p>
        {'path' in href ? (
          <Link className="button" to={href.path}>
            Manage your booking
          </Link>
        ) : (
          <a className="button" href={href.url}>
            Manage your booking
          </a>
        )}
      </p>
    </section>
  );
}

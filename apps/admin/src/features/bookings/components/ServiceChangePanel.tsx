import { useId, useState } from 'react';
import type { Booking, Service, Tenant } from '@frontdesk/contracts';
import { ApiError } from '../../../app/api-client';
import { formatDateTime, formatMoney, toZoned } from '../../../app/time';
import { SelectField } from '../../../ui/Field';
import { FormErrors } from '../../../ui/states';
import { useRescheduleBooking, useTenantSlotSource } from '../api';
import { SlotPicker } from './SlotPicker';

/**
 * Changing a booking's service: at its own time (the API re-checks that the new service fits
 * there and that the staff member offers it) or at a new time picked from the new service's
 * openings. The API's refusal — a time the longer service does not fit, a staff member who does
 * not offer it, a larger deposit than was paid — is shown as it says it.
 */
export function ServiceChangePanel({
  booking,
  tenant,
  services,
  staffName,
  onDone,
}: {
  booking: Booking;
  tenant: Pick<Tenant, 'timezone' | 'locale' | 'currency'>;
  services: Service[];
  staffName: (id: string) => string | undefined;
  onDone: () => void;
}) {
  const change = useRescheduleBooking();
  const radioName = useId();
  const slotSource = useTenantSlotSource();
  const choices = services.filter((s) => s.active && s.id !== booking.serviceId);
  const [serviceId, setServiceId] = useState(choices[0]?.id ?? '');
  const [when, setWhen] = useState<'same' | 'new'>('same');
  const [slot, setSlot] = useState<{ start: string; staffIds: string[] } | null>(null);
  const service = choices.find((s) => s.id === serviceId);
  const errors = change.error instanceof ApiError ? change.error.messages : change.error ? [change.error.message] : [];
  if (choices.length === 0) return <p className="muted">There is no other service to change to.</p>;

  const submit = () => {
    if (!service) return;
    const moved = when === 'new' ? slot : null;
    if (when === 'new' && !moved) return;
    change.mutate(
      {
        id: booking.id,
        serviceId: service.id,
        ...(moved && {
          start: moved.start,
          staffId: moved.staffIds.includes(booking.staffId) ? booking.staffId : moved.staffIds[0],
        }),
      },
      { onSuccess: onDone },
    );
  };

  return (
    <div className="subpanel" role="region" aria-label="Change service">
      <SelectField
        label="New service"
        value={serviceId}
        onChange={(value) => {
          setServiceId(value);
          setSlot(null);
          change.reset();
        }}
        options={choices.map((s) => ({
          value: s.id,
          label: `${s.name} · ${s.durationMinutes} min · ${formatMoney(s.priceCents, tenant.currency, tenant.locale)}`,
        }))}
      />
      <fieldset className="fieldset">
        <legend>When</legend>
        <label>
          <input type="radio" name={radioName} checked={when === 'same'} onChange={() => setWhen('same')} /> Keep{' '}
          {formatDateTime(booking.start, tenant.timezone, tenant.locale)}
        </label>
        <label>
          <input type="radio" name={radioName} checked={when === 'new'} onChange={() => setWhen('new')} /> Pick a new time
        </label>
      </fieldset>
      {when === 'new' && service && (
        <SlotPicker
          source={slotSource}
          serviceId={service.id}
          excludeBookingId={booking.id}
          timeZone={tenant.timezone}
          locale={tenant.locale}
          value={slot?.start ?? null}
          onChange={setSlot}
          initialDate={toZoned(booking.start, tenant.timezone).date}
          staffName={staffName}
        />
      )}
      <FormErrors messages={errors} />
      <div className="form-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!service || (when === 'new' && !slot) || change.isPending}
          onClick={submit}
        >
          {service ? `Change to ${service.name}` : 'Choose a service'}
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          Close
        </button>
      </div>
    </div>
  );
}

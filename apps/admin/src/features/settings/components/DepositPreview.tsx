import { useState } from 'react';
import { type DepositSettings, type Service, WEEKDAYS, type Weekday } from '@frontdesk/contracts';
import { formatMoney } from '../../../app/time';
import { CheckboxField, SelectField, TextField } from '../../../ui/Field';
import { previewDeposit, REASON_LABELS, WEEKDAY_NAMES } from '../deposit-preview';

function formatTime(time: string, locale: string): string {
  const [hour, minute] = time.split(':').map(Number);
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: minute ? '2-digit' : undefined, timeZone: 'UTC' }).format(
    Date.UTC(2026, 0, 1, hour, minute),
  );
}

/**
 * "A Haircut on Saturday at 5 PM needs $20.00 because: weekend": the rules being edited,
 * applied to an imagined booking with the same policy code the API runs.
 */
export function DepositPreview({
  settings,
  services,
  tenant,
  now = new Date(),
}: {
  settings: DepositSettings;
  services: Service[];
  tenant: { timezone: string; currency: string; locale: string };
  now?: Date;
}) {
  const [serviceId, setServiceId] = useState(services[0]?.id ?? '');
  const [weekday, setWeekday] = useState<Weekday>('sat');
  const [time, setTime] = useState('17:00');
  const [noShows, setNoShows] = useState('0');
  const [highRisk, setHighRisk] = useState(false);
  const service = services.find((s) => s.id === serviceId);

  let sentence: string;
  if (!service) sentence = 'Add a service to see what a booking of it would need.';
  else if (!/^\d{2}:\d{2}$/.test(time)) sentence = 'Pick a time of day.';
  else {
    const deposit = previewDeposit(
      settings,
      tenant,
      { service, weekday, time, noShowCount: Math.max(0, Number(noShows) || 0), highRisk },
      now,
    );
    const when = `A ${service.name} on ${WEEKDAY_NAMES[weekday]} at ${formatTime(time, tenant.locale)}`;
    sentence =
      deposit.amountCents === 0
        ? `${when} needs no deposit.`
        : `${when} needs ${formatMoney(deposit.amountCents, tenant.currency, tenant.locale)} because: ${deposit.reasons
            .map((reason) => REASON_LABELS[reason])
            .join(', ')}.`;
  }

  return (
    <section className="card" aria-label="Deposit preview">
      <h2>Preview</h2>
      <div className="form-row">
        <SelectField
          label="Service"
          value={serviceId}
          onChange={setServiceId}
          options={services.map((s) => ({ value: s.id, label: s.name }))}
        />
        <SelectField
          label="Day"
          value={weekday}
          onChange={(day) => setWeekday(day as Weekday)}
          options={WEEKDAYS.map((day) => ({ value: day, label: WEEKDAY_NAMES[day] }))}
        />
        <TextField label="Time" type="time" value={time} onChange={setTime} />
        <TextField label="Customer's past no-shows" type="number" min={0} value={noShows} onChange={setNoShows} />
      </div>
      <CheckboxField label="High no-show risk" checked={highRisk} onChange={setHighRisk} />
      <p role="status" className="preview-sentence">
        {sentence}
      </p>
      {!settings.enabled && (
        <p className="muted">Deposits are turned off: until you turn them on, no booking is asked for one.</p>
      )}
    </section>
  );
}

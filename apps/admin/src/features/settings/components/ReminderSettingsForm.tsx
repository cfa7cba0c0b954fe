import { type FormEvent, useState } from 'react';
import type { ReminderSettings } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { typedNumber } from '../../../app/forms';
import { CheckboxField, SelectField, TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { FormErrors } from '../../../ui/states';
import { useReminderSettings, useSaveReminderSettings } from '../reminders-api';
import { MAX_OFFSETS, type OffsetUnit, offsetLabel, splitOffset, UNIT_MINUTES } from './reminder-offsets';

const FIELDS = ['enabled', 'offsetsMinutes', 'quietHours', 'whatsappTemplate', 'highRiskExtraOffsetMinutes'] as const;
/** What the extra reminder of high-risk bookings starts at when it is switched on. */
const DEFAULT_EXTRA_MINUTES = 60;
const UNITS: { value: OffsetUnit; label: string }[] = [
  { value: 'minutes', label: 'minutes before' },
  { value: 'hours', label: 'hours before' },
  { value: 'days', label: 'days before' },
];

interface OffsetRow {
  key: number;
  amount: string;
  unit: OffsetUnit;
}

/** The reminder settings card of the settings page (owners only: the endpoint is theirs). */
export function ReminderSettingsSection() {
  const settings = useReminderSettings();
  return (
    <QueryState query={settings} loading="Loading the reminder settings…">
      {(data) => <ReminderSettingsForm initial={data} />}
    </QueryState>
  );
}

let nextKey = 0;
const row = (minutes: number): OffsetRow => {
  const { amount, unit } = splitOffset(minutes);
  return { key: nextKey++, amount: String(amount), unit };
};

export function ReminderSettingsForm({ initial }: { initial: ReminderSettings }) {
  const save = useSaveReminderSettings();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [offsets, setOffsets] = useState<OffsetRow[]>(() => initial.offsetsMinutes.map(row));
  const [quiet, setQuiet] = useState(initial.quietHours !== null);
  const [quietStart, setQuietStart] = useState(initial.quietHours?.start ?? '21:00');
  const [quietEnd, setQuietEnd] = useState(initial.quietHours?.end ?? '08:00');
  const [template, setTemplate] = useState(initial.whatsappTemplate);
  const [extra, setExtra] = useState(initial.highRiskExtraOffsetMinutes !== null);
  const [extraOffset, setExtraOffset] = useState<OffsetRow>(() =>
    row(initial.highRiskExtraOffsetMinutes ?? DEFAULT_EXTRA_MINUTES),
  );
  const [saved, setSaved] = useState(false);
  const errors = splitErrors(save.error, FIELDS);
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setSaved(false);
    };
  const updateOffset = (key: number, change: Partial<OffsetRow>) =>
    changed(setOffsets)(offsets.map((o) => (o.key === key ? { ...o, ...change } : o)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        enabled,
        offsetsMinutes: offsets.map((o) => minutesOf(o)),
        quietHours: quiet ? { start: quietStart, end: quietEnd } : null,
        whatsappTemplate: template.trim(),
        highRiskExtraOffsetMinutes: extra ? minutesOf(extraOffset) : null,
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form noValidate className="card form" onSubmit={submit} aria-label="Reminders">
      <h2>Reminders</h2>
      <p className="field-hint">
        Customers get a text before each appointment and can reply C to confirm, R to reschedule or X to cancel.
      </p>
      <FormErrors messages={errors.form} />
      <CheckboxField label="Send reminders" checked={enabled} onChange={changed(setEnabled)} errors={errors.fields.enabled} />
      <fieldset className="fieldset-plain">
        <legend>When</legend>
        {offsets.length === 0 && <p className="muted">No reminders: add one below.</p>}
        {offsets.map((o, i) => (
          <div className="form-row" key={o.key}>
            <TextField
              label={`Reminder ${i + 1}`}
              type="number"
              min={1}
              value={o.amount}
              onChange={(amount) => updateOffset(o.key, { amount })}
            />
            <SelectField
              label={`Reminder ${i + 1} unit`}
              value={o.unit}
              onChange={(unit) => updateOffset(o.key, { unit: unit as OffsetUnit })}
              options={UNITS}
            />
            <button
              type="button"
              className="button button--ghost"
              aria-label={`Remove reminder ${i + 1} (${reading(o)})`}
              onClick={() => changed(setOffsets)(offsets.filter((x) => x.key !== o.key))}
            >
              Remove
            </button>
          </div>
        ))}
        <FormErrors messages={errors.fields.offsetsMinutes ?? []} />
        <button
          type="button"
          className="button"
          disabled={offsets.length >= MAX_OFFSETS}
          onClick={() => changed(setOffsets)([...offsets, row(60)])}
        >
          Add a reminder
        </button>
        {offsets.length >= MAX_OFFSETS && <p className="field-hint">At most {MAX_OFFSETS} reminders.</p>}
      </fieldset>
      <CheckboxField label="Quiet hours" checked={quiet} onChange={changed(setQuiet)} errors={errors.fields.quietHours} />
      {quiet && (
        <div className="form-row">
          <TextField label="Quiet from" type="time" value={quietStart} onChange={changed(setQuietStart)} />
          <TextField
            label="Quiet until"
            type="time"
            value={quietEnd}
            onChange={changed(setQuietEnd)}
            hint="A reminder due then goes at the end of the quiet hours, or at their start if that is too close to the appointment."
          />
        </div>
      )}
      <CheckboxField
        label="Extra reminder for high-risk bookings"
        checked={extra}
        onChange={changed(setExtra)}
        errors={errors.fields.highRiskExtraOffsetMinutes}
      />
      {extra && (
        <div className="form-row">
          <TextField
            label="Extra reminder"
            type="number"
            min={1}
            value={extraOffset.amount}
            onChange={(amount) => changed(setExtraOffset)({ ...extraOffset, amount })}
            hint="Sent as well to bookings whose no-show risk is high, for instance a customer who has not confirmed two hours before."
          />
          <SelectField
            label="Extra reminder unit"
            value={extraOffset.unit}
            onChange={(unit) => changed(setExtraOffset)({ ...extraOffset, unit: unit as OffsetUnit })}
            options={UNITS}
          />
        </div>
      )}
      <TextField
        label="WhatsApp template name"
        value={template}
        onChange={changed(setTemplate)}
        errors={errors.fields.whatsappTemplate}
        hint="The approved template sent outside WhatsApp's 24-hour window."
      />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          Save reminders
        </button>
        {saved && (
          <span role="status" className="muted">
            Reminders saved.
          </span>
        )}
      </div>
    </form>
  );
}

/** The offset in minutes; what was typed when it is no number, for the API to name the field. */
function minutesOf(o: OffsetRow): number {
  const amount = typedNumber(o.amount);
  return typeof amount === 'number' ? amount * UNIT_MINUTES[o.unit] : amount;
}

/** The row as it reads ("24 hours before"), or what was typed when it is not a number yet. */
function reading(o: OffsetRow): string {
  const amount = Number(o.amount);
  return Number.isInteger(amount) && amount > 0 ? offsetLabel(amount * UNIT_MINUTES[o.unit]) : `${o.amount} ${o.unit}`;
}

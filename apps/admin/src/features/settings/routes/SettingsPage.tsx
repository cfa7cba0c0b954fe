import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { BookingPolicy, ChannelSettings } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { typedNumber } from '../../../app/forms';
import { useTenant, useTenantPath, useTenantScope } from '../../../app/tenant-scope';
import { TextField } from '../../../ui/Field';
import { QueryState } from '../../../ui/QueryState';
import { FormErrors, PageHeader } from '../../../ui/states';
import { useBookingPolicy, useChannels, useSaveBookingPolicy, useSaveChannels } from '../api';
import { ReminderSettingsSection } from '../components/ReminderSettingsForm';

export function SettingsPage() {
  const tenant = useTenant();
  const policy = useBookingPolicy();
  const channels = useChannels();
  const { canManage } = useTenantScope();
  const path = useTenantPath();
  return (
    <section>
      <PageHeader title="Settings" />
      <div className="card">
        <h2>Business</h2>
        <dl className="details">
          <dt>Name</dt>
          <dd>{tenant.name}</dd>
          <dt>Booking address</dt>
          <dd>{tenant.slug}</dd>
          <dt>Time zone</dt>
          <dd>{tenant.timezone}</dd>
          <dt>Currency</dt>
          <dd>{tenant.currency.toUpperCase()}</dd>
          <dt>Country / language</dt>
          <dd>
            {tenant.country} / {tenant.locale}
          </dd>
        </dl>
      </div>
      {canManage && (
        <div className="card">
          <h2>Payments and deposits</h2>
          <p className="muted">Ask for a deposit when customers book, and connect your Stripe account.</p>
          <Link to={path('/settings/payments')}>Payments and deposit rules</Link>
        </div>
      )}
      <QueryState query={policy}>{(data) => <PolicyForm initial={data} />}</QueryState>
      <QueryState query={channels}>{(data) => <ChannelsForm initial={data} />}</QueryState>
      {canManage && <ReminderSettingsSection />}
    </section>
  );
}

const POLICY_FIELDS = [
  'minNoticeMinutes',
  'maxAdvanceDays',
  'slotIntervalMinutes',
  'sameDayCutoff',
  'cancellationNoticeHours',
] as const;

function PolicyForm({ initial }: { initial: BookingPolicy }) {
  const { canManage } = useTenantScope();
  const save = useSaveBookingPolicy();
  const [values, setValues] = useState({
    minNoticeMinutes: String(initial.minNoticeMinutes),
    maxAdvanceDays: String(initial.maxAdvanceDays),
    slotIntervalMinutes: String(initial.slotIntervalMinutes),
    sameDayCutoff: initial.sameDayCutoff ?? '',
    cancellationNoticeHours: String(initial.cancellationNoticeHours),
  });
  const [saved, setSaved] = useState(false);
  const errors = splitErrors(save.error, POLICY_FIELDS);
  const set = (key: keyof typeof values) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSaved(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        minNoticeMinutes: typedNumber(values.minNoticeMinutes),
        maxAdvanceDays: typedNumber(values.maxAdvanceDays),
        slotIntervalMinutes: typedNumber(values.slotIntervalMinutes),
        sameDayCutoff: values.sameDayCutoff || null,
        cancellationNoticeHours: typedNumber(values.cancellationNoticeHours),
      },
      { onSuccess: () => setSaved(true) },
    );
  };
  return (
    <form noValidate className="card form" onSubmit={submit} aria-label="Booking policy">
      <h2>Booking policy</h2>
      <FormErrors messages={errors.form} />
      <fieldset className="fieldset-plain" disabled={!canManage}>
        <div className="form-row">
          <TextField
            label="Minimum notice (minutes)"
            type="number"
            value={values.minNoticeMinutes}
            onChange={set('minNoticeMinutes')}
            errors={errors.fields.minNoticeMinutes}
            hint="How soon before the start a customer may book."
          />
          <TextField
            label="Book up to (days ahead)"
            type="number"
            value={values.maxAdvanceDays}
            onChange={set('maxAdvanceDays')}
            errors={errors.fields.maxAdvanceDays}
          />
          <TextField
            label="Slot interval (minutes)"
            type="number"
            value={values.slotIntervalMinutes}
            onChange={set('slotIntervalMinutes')}
            errors={errors.fields.slotIntervalMinutes}
            hint="Offered start times are this far apart."
          />
        </div>
        <div className="form-row">
          <TextField
            label="Same-day cutoff"
            type="time"
            value={values.sameDayCutoff}
            onChange={set('sameDayCutoff')}
            errors={errors.fields.sameDayCutoff}
            hint="After this time nothing is offered for today. Empty: no cutoff."
          />
          <TextField
            label="Cancellation notice (hours)"
            type="number"
            value={values.cancellationNoticeHours}
            onChange={set('cancellationNoticeHours')}
            errors={errors.fields.cancellationNoticeHours}
            hint="Customers cannot cancel or move later than this themselves."
          />
        </div>
      </fieldset>
      {canManage && (
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            Save booking policy
          </button>
          {saved && (
            <span role="status" className="muted">
              Booking policy saved.
            </span>
          )}
        </div>
      )}
    </form>
  );
}

function ChannelsForm({ initial }: { initial: ChannelSettings }) {
  const { canManage } = useTenantScope();
  const save = useSaveChannels();
  const [sms, setSms] = useState(initial.smsNumber ?? '');
  const [whatsapp, setWhatsapp] = useState(initial.whatsappPhoneNumberId ?? '');
  const [saved, setSaved] = useState(false);
  const errors = splitErrors(save.error, ['smsNumber', 'whatsappPhoneNumberId']);
  return (
    <form
      noValidate
      className="card form"
      aria-label="Channels"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        save.mutate(
          { smsNumber: sms.trim() || null, whatsappPhoneNumberId: whatsapp.trim() || null },
          {
            // The API normalises the number (E.164); show what it stored.
            onSuccess: (stored) => {
              setSms(stored.smsNumber ?? '');
              setWhatsapp(stored.whatsappPhoneNumberId ?? '');
              setSaved(true);
            },
          },
        );
      }}
    >
      <h2>Channels</h2>
      <p className="muted">Where customers can text your front desk. Leave a field empty to turn that channel off.</p>
      <FormErrors messages={errors.form} />
      <fieldset className="fieldset-plain" disabled={!canManage}>
        <div className="form-row">
          <TextField
            label="SMS number"
            type="tel"
            value={sms}
            onChange={setSms}
            errors={errors.fields.smsNumber}
            placeholder="+15551234567"
          />
          <TextField
            label="WhatsApp phone number id"
            inputMode="numeric"
            value={whatsapp}
            onChange={setWhatsapp}
            errors={errors.fields.whatsappPhoneNumberId}
          />
        </div>
      </fieldset>
      {canManage && (
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            Save channels
          </button>
          {saved && (
            <span role="status" className="muted">
              Channels saved.
            </span>
          )}
        </div>
      )}
    </form>
  );
}

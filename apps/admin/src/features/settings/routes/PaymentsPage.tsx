import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { DepositSettings, PaymentSettings } from '@frontdesk/contracts';
import { splitErrors } from '../../../app/errors';
import { useTenant, useTenantScope } from '../../../app/tenant-scope';
import { QueryState } from '../../../ui/QueryState';
import { FormErrors, PageHeader } from '../../../ui/states';
import { useServices } from '../../services/api';
import { useConnectStripe, useDepositSettings, usePaymentSettings, useRefreshPayments, useSaveDepositSettings } from '../api';
import { DepositPreview } from '../components/DepositPreview';
import { DepositRulesEditor } from '../components/DepositRulesEditor';

/** Where the browser goes to onboard with Stripe; a seam for tests. */
export const navigation = { assign: (url: string) => window.location.assign(url) };

export function PaymentsPage() {
  const payments = usePaymentSettings();
  const deposits = useDepositSettings();
  return (
    <section>
      <PageHeader title="Payments and deposits" />
      <QueryState query={payments}>{(data) => <StripeCard settings={data} />}</QueryState>
      <QueryState query={deposits}>
        {(data) => <DepositsForm initial={data} available={payments.data?.available ?? false} />}
      </QueryState>
    </section>
  );
}

function StripeCard({ settings }: { settings: PaymentSettings }) {
  const connect = useConnectStripe();
  const refresh = useRefreshPayments();
  const [params] = useSearchParams();
  const returned = params.get('stripe');
  const { mutate: refreshNow } = refresh;
  const hasAccount = settings.stripeAccountId !== null;
  useEffect(() => {
    // Back from Stripe's onboarding: read the account's state rather than wait for its webhook.
    if (returned === 'return' && hasAccount) refreshNow();
  }, [returned, hasAccount, refreshNow]);

  if (!settings.available) {
    return (
      <div className="card" role="region" aria-label="Stripe">
        <h2>Stripe</h2>
        <p className="notice">
          Payments are not available on this platform: it has no Stripe account configured (STRIPE_SECRET_KEY is not set). Until
          it has, no booking is asked for a deposit.
        </p>
      </div>
    );
  }
  const errors = splitErrors(connect.error ?? refresh.error, []);
  return (
    <div className="card" role="region" aria-label="Stripe">
      <h2>Stripe</h2>
      {settings.mode === 'connect' ? (
        <p>Deposits are paid into your own Stripe account ({settings.stripeAccountId}).</p>
      ) : hasAccount ? (
        <p>
          Your Stripe account ({settings.stripeAccountId}) cannot take payments yet: finish Stripe&apos;s onboarding. Until then
          deposits are paid to the platform&apos;s account.
        </p>
      ) : (
        <p>Deposits are paid to the platform&apos;s Stripe account. Connect your own to receive them directly.</p>
      )}
      {returned === 'refresh' && <p className="notice">The onboarding link expired; continue where you left off.</p>}
      <FormErrors messages={errors.form} />
      {settings.mode !== 'connect' && (
        <button
          type="button"
          className="button button--primary"
          disabled={connect.isPending || connect.isSuccess}
          onClick={() => connect.mutate(undefined, { onSuccess: ({ url }) => navigation.assign(url) })}
        >
          {hasAccount ? 'Continue Stripe onboarding' : 'Connect with Stripe'}
        </button>
      )}
    </div>
  );
}

const DEPOSIT_FIELDS = [
  'enabled',
  'default',
  'primeTime',
  'weekend',
  'repeatNoShow',
  'highRisk',
  'paymentWindowMinutes',
  'refundOnTimelyCancel',
] as const;

function DepositsForm({ initial, available }: { initial: DepositSettings; available: boolean }) {
  const tenant = useTenant();
  const { canManage } = useTenantScope();
  const services = useServices();
  const save = useSaveDepositSettings();
  const [value, setValue] = useState(initial);
  const [saved, setSaved] = useState(false);
  const errors = splitErrors(save.error, DEPOSIT_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(value, { onSuccess: () => setSaved(true) });
  };
  return (
    <>
      <form noValidate className="card form" onSubmit={submit} aria-label="Deposit rules">
        <h2>Deposit rules</h2>
        <p className="muted">
          The largest amount among the rules that apply is asked, never more than the price.
          {!available && ' Payments are not available on this platform, so none is asked for now.'}
        </p>
        <FormErrors messages={errors.form} />
        <DepositRulesEditor
          value={value}
          onChange={(next) => {
            setValue(next);
            setSaved(false);
          }}
          currency={tenant.currency}
          errors={errors.fields}
          disabled={!canManage}
        />
        {canManage && (
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              Save deposit rules
            </button>
            {saved && (
              <span role="status" className="muted">
                Deposit rules saved.
              </span>
            )}
          </div>
        )}
      </form>
      <QueryState query={services}>{(list) => <DepositPreview settings={value} services={list} tenant={tenant} />}</QueryState>
    </>
  );
}

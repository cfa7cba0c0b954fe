import { useState } from 'react';
import type { Booking, Tenant } from '@frontdesk/contracts';
import { ApiError } from '../../../app/api-client';
import { useTenantScope } from '../../../app/tenant-scope';
import { formatDateTime, formatMoney } from '../../../app/time';
import { PaymentBadge } from '../../../ui/PaymentBadge';
import { FormErrors } from '../../../ui/states';
import { useRefundDeposit } from '../api';

/** The deposit of a booking (amount in the tenant's currency, payment state, deadline) and, for the owner, its refund. */
export function BookingDeposit({
  booking,
  tenant,
}: {
  booking: Booking;
  tenant: Pick<Tenant, 'currency' | 'locale' | 'timezone'>;
}) {
  const { canManage } = useTenantScope();
  if (booking.depositCents <= 0 && booking.paymentStatus === 'none') return null;
  const amount = formatMoney(booking.depositCents, tenant.currency, tenant.locale);
  return (
    <section className="card" aria-labelledby="deposit-heading">
      <h2 id="deposit-heading">Deposit</h2>
      <p>
        <span data-testid="deposit-amount">{amount}</span> <PaymentBadge status={booking.paymentStatus} />
      </p>
      {booking.paymentStatus === 'pending' && booking.paymentExpiresAt && (
        <p className="muted">
          The customer has until {formatDateTime(booking.paymentExpiresAt, tenant.timezone, tenant.locale)} to pay; then the time
          is released.
        </p>
      )}
      {booking.paymentStatus === 'paid' && canManage && <RefundDeposit booking={booking} amount={amount} />}
    </section>
  );
}

function RefundDeposit({ booking, amount }: { booking: Booking; amount: string }) {
  const refund = useRefundDeposit();
  const [asking, setAsking] = useState(false);
  const messages = refund.error ? (refund.error instanceof ApiError ? refund.error.messages : [refund.error.message]) : [];
  if (!asking) {
    return (
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setAsking(true)}>
          Refund deposit
        </button>
      </div>
    );
  }
  return (
    <div className="subpanel" role="alertdialog" aria-labelledby="refund-question" aria-modal="false">
      <p id="refund-question">
        <strong>
          Refund the {amount} deposit to {booking.customer.name ?? booking.customer.phone}?
        </strong>{' '}
        Stripe returns the money to their card; this cannot be undone.
      </p>
      <FormErrors messages={messages} />
      <div className="form-actions">
        <button
          type="button"
          className="button button--danger"
          disabled={refund.isPending}
          onClick={() => refund.mutate({ id: booking.id }, { onSuccess: () => setAsking(false) })}
        >
          {refund.isPending ? 'Refunding…' : `Yes, refund ${amount}`}
        </button>
        <button type="button" className="button button--ghost" disabled={refund.isPending} onClick={() => setAsking(false)}>
          Keep the deposit
        </button>
      </div>
    </div>
  );
}

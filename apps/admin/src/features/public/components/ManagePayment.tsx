import type { ManageView } from '@frontdesk/contracts';
import { formatDateTime, formatMoney } from '../../../app/time';

/** `?payment=` on the manage URL: where Stripe Checkout sent the customer back from. */
export type CheckoutReturn = 'success' | 'cancelled' | null;

export const checkoutReturnOf = (value: string | null): CheckoutReturn =>
  value === 'success' || value === 'cancelled' ? value : null;

/** The deposit of the booking as the customer should understand it; nothing when no deposit was asked. */
export function ManagePayment({
  view,
  returned,
  confirming,
}: {
  view: ManageView;
  returned: CheckoutReturn;
  /** Still reading the booking again after a successful Checkout. */
  confirming: boolean;
}) {
  const { booking, business } = view;
  if (booking.depositCents <= 0 && booking.paymentStatus === 'none') return null;
  const amount = formatMoney(booking.depositCents, business.currency, business.locale);
  const deadline = booking.paymentExpiresAt && formatDateTime(booking.paymentExpiresAt, business.timezone, business.locale);

  if (booking.paymentStatus === 'paid') {
    return (
      <p className="notice" role="status" data-testid="payment-state">
        Deposit paid: {amount}.{returned === 'success' && ' Thank you — your appointment is confirmed.'}
      </p>
    );
  }
  if (booking.paymentStatus === 'refunded') {
    return (
      <p className="notice" data-testid="payment-state">
        Your deposit of {amount} was refunded.
      </p>
    );
  }
  if (booking.status !== 'pending_payment') {
    return booking.status === 'expired' ? (
      <p className="notice" data-testid="payment-state">
        The time to pay the deposit ran out, so this appointment was released.
      </p>
    ) : null;
  }
  if (returned === 'success' && confirming) {
    return (
      <p className="notice" role="status" data-testid="payment-state">
        Thanks — we’re confirming your payment. This page updates by itself.
      </p>
    );
  }
  return (
    <div className="notice" role="status" data-testid="payment-state">
      <p>
        {returned === 'cancelled' ? (
          <>The payment was not completed. Your time is held</>
        ) : (
          <>
            <strong>Waiting for your payment</strong> of the {amount} deposit. Your time is held
          </>
        )}
        {deadline ? ` until ${deadline}` : ''}; after that it is released.
      </p>
      {booking.paymentUrl && (
        <p>
          <a className="button button--primary" href={booking.paymentUrl}>
            Pay the {amount} deposit
          </a>
        </p>
      )}
    </div>
  );
}

import { useEffect } from 'react';
import type { CreatedBooking, PublicProfile } from '@frontdesk/contracts';
import { leavePage } from '../../../app/leave-page';
import { formatDateTime, formatMoney } from '../../../app/time';

/** A new booking that waits for its deposit: the customer is sent on to Stripe Checkout, with a button in case the redirect is blocked. */
export function DepositCheckout({ profile, booking }: { profile: PublicProfile; booking: CreatedBooking }) {
  const paymentUrl = booking.paymentUrl;
  useEffect(() => {
    if (paymentUrl) leavePage(paymentUrl);
  }, [paymentUrl]);
  return (
    <section className="card" aria-labelledby="deposit-heading">
      <h1 id="deposit-heading">One more step: pay the deposit</h1>
      <p data-testid="deposit-amount">
        A deposit of {formatMoney(booking.depositCents, profile.currency, profile.locale)} holds your appointment on{' '}
        {formatDateTime(booking.start, profile.timezone, profile.locale)}.
      </p>
      {booking.paymentExpiresAt && (
        <p data-testid="deposit-deadline">
          Please pay by {formatDateTime(booking.paymentExpiresAt, profile.timezone, profile.locale)}; after that the time is
          released.
        </p>
      )}
      <p className="muted">Taking you to the secure payment page…</p>
      {paymentUrl && (
        <p>
          <a className="button button--primary" href={paymentUrl}>
            Pay the deposit
          </a>
        </p>
      )}
    </section>
  );
}

/** Whether a created booking must be paid before it counts. */
export const awaitsDeposit = (booking: CreatedBooking) => booking.status === 'pending_payment' && booking.paymentUrl !== null;

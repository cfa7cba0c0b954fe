import type { PaymentStatus } from '@frontdesk/contracts';

export const PAYMENT_LABELS: Record<PaymentStatus, string> = {
  none: 'No deposit',
  pending: 'Deposit due',
  paid: 'Deposit paid',
  refunded: 'Deposit refunded',
};

/** The money state of a booking's deposit; nothing for a booking that never had one. */
export function PaymentBadge({ status }: { status: PaymentStatus }) {
  if (status === 'none') return null;
  return <span className={`badge badge--payment-${status}`}>{PAYMENT_LABELS[status]}</span>;
}

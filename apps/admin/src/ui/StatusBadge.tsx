import type { BookingSource, BookingStatus } from '@frontdesk/contracts';

export const STATUS_LABELS: Record<BookingStatus, string> = {
  held: 'Held',
  pending_payment: 'Awaiting payment',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'No-show',
  expired: 'Expired',
};

export function StatusBadge({ status }: { status: BookingStatus }) {
  return <span className={`badge badge--${status}`}>{STATUS_LABELS[status]}</span>;
}

export const SOURCE_LABELS: Record<BookingSource, string> = {
  web: 'Web',
  chat: 'Web chat',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  admin: 'Front desk',
};

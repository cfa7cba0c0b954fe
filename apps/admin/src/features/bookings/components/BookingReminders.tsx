import type { Booking, ReminderView, ReminderStatus } from '@frontdesk/contracts';
import { useTenant } from '../../../app/tenant-scope';
import { formatDateTime } from '../../../app/time';
import { QueryState } from '../../../ui/QueryState';
import { offsetLabel } from '../../settings/components/reminder-offsets';
import { useBookingReminders } from '../reminders-api';

const STATUS: Record<ReminderStatus, string> = {
  scheduled: 'Scheduled',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

const CHANNEL = { sms: 'SMS', whatsapp: 'WhatsApp' } as const;

/** The booking's reminders, their delivery, and whether the customer confirmed by replying. */
export function BookingReminders({ booking }: { booking: Booking }) {
  const reminders = useBookingReminders(booking.id);
  return (
    <div className="card" role="region" aria-label="Reminders">
      <h2>Reminders</h2>
      <CustomerReply booking={booking} />
      <QueryState query={reminders} loading="Loading the reminders…">
        {(data) => <ReminderTable items={data.items} />}
      </QueryState>
    </div>
  );
}

function CustomerReply({ booking }: { booking: Booking }) {
  const tenant = useTenant();
  if (!booking.customerConfirmedAt) return <p className="muted">The customer has not confirmed by reply.</p>;
  return (
    <p>
      <span className="confirmed-mark">✓ Confirmed by customer</span>{' '}
      <span className="muted">{formatDateTime(booking.customerConfirmedAt, tenant.timezone, tenant.locale)}</span>
    </p>
  );
}

function ReminderTable({ items }: { items: ReminderView[] }) {
  const tenant = useTenant();
  if (items.length === 0) return <p className="muted">No reminders for this booking.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Reminder</th>
          <th scope="col">Due</th>
          <th scope="col">Status</th>
          <th scope="col">Channel</th>
          <th scope="col">Sent</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={`${r.offsetMinutes}-${r.dueAt}`}>
            <td>{offsetLabel(r.offsetMinutes)}</td>
            <td>{formatDateTime(r.dueAt, tenant.timezone, tenant.locale)}</td>
            <td>{STATUS[r.status]}</td>
            <td>{r.channel ? CHANNEL[r.channel] : '—'}</td>
            <td>{r.sentAt ? formatDateTime(r.sentAt, tenant.timezone, tenant.locale) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

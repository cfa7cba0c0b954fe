/** `GET/PUT /api/v1/settings/reminders` (owner). */
export interface ReminderSettings {
  enabled: boolean;
  /** Minutes before the start, 5..10080, at most 4. */
  offsetsMinutes: number[];
  /** Local times "HH:MM"; null: no quiet hours. */
  quietHours: { start: string; end: string } | null;
  /** The approved WhatsApp template used outside the 24-hour window. */
  whatsappTemplate: string;
}

export type ReminderStatus = 'scheduled' | 'sent' | 'delivered' | 'failed' | 'skipped' | 'cancelled';

/** One reminder of a booking: `GET /api/v1/bookings/:id/reminders`. */
export interface BookingReminder {
  offsetMinutes: number;
  dueAt: string;
  status: ReminderStatus;
  channel: 'sms' | 'whatsapp' | null;
  sentAt: string | null;
}

export interface BookingReminderList {
  items: BookingReminder[];
}

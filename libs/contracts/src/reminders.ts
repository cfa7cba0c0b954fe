import type { LocalTime } from './catalog';

/** `GET/PUT /api/v1/settings/reminders`. */
export interface ReminderSettings {
  enabled: boolean;
  /** Minutes before the start, 5..10080, at most 4, distinct. */
  offsetsMinutes: number[];
  /** Local wall times; may span midnight; null = none. */
  quietHours: { start: LocalTime; end: LocalTime } | null;
  /** The approved WhatsApp template sent outside the 24-hour customer-service window. */
  whatsappTemplate: string;
  /**
   * One more reminder, this many minutes before the start (5..10080, none of `offsetsMinutes`),
   * for bookings whose no-show risk is in the `high` tier; null = none (the default). Optional on
   * `PUT`: left out, it is null.
   */
  highRiskExtraOffsetMinutes: number | null;
}

export type ReminderStatus = 'scheduled' | 'sent' | 'delivered' | 'failed' | 'skipped' | 'cancelled';

export interface ReminderView {
  offsetMinutes: number;
  dueAt: string;
  status: ReminderStatus;
  channel: 'sms' | 'whatsapp' | null;
  sentAt: string | null;
}

/** `GET /api/v1/bookings/:id/reminders`. */
export interface ReminderList {
  items: ReminderView[];
}

/** The option ids of a WhatsApp reminder's reply buttons (a tap comes back as one of them). */
export const REMINDER_OPTION_IDS = {
  confirm: 'reminder:confirm',
  reschedule: 'reminder:reschedule',
  cancel: 'reminder:cancel',
} as const;

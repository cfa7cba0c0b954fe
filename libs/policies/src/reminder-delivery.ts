import { DateTime } from 'luxon';
import { REMINDER_OPTION_IDS } from '@frontdesk/contracts';

/** WhatsApp's customer-service window: free-form messages only this long after the customer's last one. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60_000;

export interface ReminderFacts {
  now: Date;
  /** The booking as it is now, and the start the reminder was planned for. */
  bookingStatus: string;
  start: Date;
  plannedStart: Date;
  tenantActive: boolean;
  optedOut: boolean;
  /** The customer's last message on WhatsApp to this business, if any. */
  lastWhatsAppInboundAt: Date | null;
  tenantHasWhatsApp: boolean;
  tenantHasSms: boolean;
}

export type ReminderDelivery =
  | { action: 'send'; channel: 'whatsapp'; window: 'open' | 'closed' }
  | { action: 'send'; channel: 'sms' }
  /** Not for this booking any more (cancelled, moved): dropped. */
  | { action: 'cancel'; reason: string }
  /** Cannot or must not go out: ends here, never retried. */
  | { action: 'skip'; reason: string }
  | { action: 'fail'; reason: string };

/** How a due reminder goes out, or why it does not. */
export function decideReminderDelivery(f: ReminderFacts): ReminderDelivery {
  if (f.bookingStatus !== 'confirmed') return { action: 'cancel', reason: `The booking is ${f.bookingStatus}` };
  if (f.start.getTime() !== f.plannedStart.getTime()) return { action: 'cancel', reason: 'The booking was rescheduled' };
  if (f.start <= f.now) return { action: 'skip', reason: 'The appointment had started' };
  if (!f.tenantActive) return { action: 'fail', reason: 'The business is suspended' };
  if (f.optedOut) return { action: 'skip', reason: 'The customer opted out of messages' };
  if (f.lastWhatsAppInboundAt && f.tenantHasWhatsApp) {
    const open = f.now.getTime() - f.lastWhatsAppInboundAt.getTime() < WHATSAPP_WINDOW_MS;
    return { action: 'send', channel: 'whatsapp', window: open ? 'open' : 'closed' };
  }
  if (f.tenantHasSms) return { action: 'send', channel: 'sms' };
  return { action: 'skip', reason: 'No channel reaches the customer (no WhatsApp conversation, no SMS number)' };
}

export interface ReminderTextInput {
  language: 'en' | 'es';
  business: string;
  service: string;
  start: Date;
  timezone: string;
}

/** The appointment's local date and time, written out in the customer's language. */
export function reminderDateTime({ language, start, timezone }: Pick<ReminderTextInput, 'language' | 'start' | 'timezone'>) {
  const local = DateTime.fromJSDate(start, { zone: timezone }).setLocale(language);
  return {
    date: local.toLocaleString({ weekday: 'long', day: 'numeric', month: 'long' }),
    time: local.toLocaleString(DateTime.TIME_SIMPLE),
  };
}

/**
 * The reminder's text: business, service, local date and time, and the replies it takes —
 * C, R or X. Never "reply CANCEL": carriers treat a bare CANCEL as unsubscribing from texts.
 */
export function reminderText(input: ReminderTextInput): string {
  const { date, time } = reminderDateTime(input);
  return input.language === 'es'
    ? `Recordatorio de ${input.business}: tu cita de ${input.service} es el ${date} a las ${time}. ` +
        'Responde C para confirmar, R para cambiar la hora o X para cancelar.'
    : `Reminder from ${input.business}: your ${input.service} is on ${date} at ${time}. ` +
        'Reply C to confirm, R to reschedule or X to cancel.';
}

/** The reply buttons of a WhatsApp reminder; their ids come back when tapped. */
export function reminderButtons(language: 'en' | 'es') {
  const labels = language === 'es' ? ['Confirmar', 'Cambiar', 'Cancelar'] : ['Confirm', 'Reschedule', 'Cancel'];
  return [
    { id: REMINDER_OPTION_IDS.confirm, label: labels[0] },
    { id: REMINDER_OPTION_IDS.reschedule, label: labels[1] },
    { id: REMINDER_OPTION_IDS.cancel, label: labels[2] },
  ];
}

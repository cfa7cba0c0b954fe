import type { ChatState } from '@frontdesk/contracts';

export const STATE_LABELS: Record<ChatState, string> = {
  IDLE: 'Idle',
  COLLECTING: 'Booking in progress',
  CONFIRMING: 'Confirming',
  PAYMENT_PENDING: 'Awaiting payment',
  RESCHEDULE_COLLECTING: 'Rescheduling',
  RESCHEDULE_CONFIRM: 'Confirming reschedule',
  CANCEL_CONFIRM: 'Confirming cancellation',
};

export const INBOX_UNAVAILABLE = 'The conversation inbox is not available on this server yet.';

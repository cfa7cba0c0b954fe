import type { DeliveryOutcome } from './messaging-channel';

/** Tries per message before it is given up as failed. */
export const MAX_DELIVERY_ATTEMPTS = 6;
export const FIRST_RETRY_DELAY_MS = 5_000;
export const MAX_RETRY_DELAY_MS = 15 * 60_000;

/** Wait after the n-th failed attempt (n ≥ 1): 5 s, 10 s, 20 s, … up to 15 minutes. */
export function retryDelayMs(attemptsMade: number): number {
  const exponent = Math.max(0, attemptsMade - 1);
  return Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** Math.min(exponent, 30));
}

export type AfterFailure = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/**
 * What becomes of a message whose send failed, after `attemptsMade` attempts in all. Only a
 * failure that certainly sent nothing is tried again; the rest fail at once, since a second
 * try could reach the customer twice.
 */
export function afterFailure(outcome: DeliveryOutcome, attemptsMade: number, now: Date): AfterFailure {
  if (outcome !== 'retry' || attemptsMade >= MAX_DELIVERY_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attemptsMade)) };
}

export type DeliveryReport = 'sent' | 'delivered' | 'read' | 'failed';

export const isDeliveryReport = (value: unknown): value is DeliveryReport =>
  value === 'sent' || value === 'delivered' || value === 'read' || value === 'failed';

/** The message statuses a report may replace (what `nextDeliveryStatus` moves forward). */
export function replaceableBy(reported: DeliveryReport): string[] {
  return ['pending', 'sent', 'delivered', 'read', 'failed'].filter((s) => nextDeliveryStatus(s, reported) === reported);
}

/** Twilio's `MessageStatus` as a delivery report; null for the steps before sending and after receiving. */
export function twilioDeliveryReport(messageStatus: string): DeliveryReport | null {
  switch (messageStatus) {
    case 'sent':
    case 'delivered':
    case 'read':
    case 'failed':
      return messageStatus;
    case 'undelivered':
      return 'failed';
    default:
      return null;
  }
}

const DELIVERY_RANK = { pending: 0, sent: 1, delivered: 2, read: 3 } as const;

/**
 * The status a delivery report moves a message to, or null when it would move it backwards
 * (reports arrive out of order: `read` may come before `delivered`). `failed` only replaces
 * `sent`: a message already delivered or read did reach the customer.
 */
export function nextDeliveryStatus(
  current: string,
  reported: 'sent' | 'delivered' | 'read' | 'failed',
): 'sent' | 'delivered' | 'read' | 'failed' | null {
  if (reported === 'failed') return current === 'sent' ? 'failed' : null;
  if (!(current in DELIVERY_RANK)) return null;
  return DELIVERY_RANK[reported] > DELIVERY_RANK[current as keyof typeof DELIVERY_RANK] ? reported : null;
}

import type { ChatLink, ChatOption } from '@frontdesk/contracts';

export type PushChannel = 'sms' | 'whatsapp';

/** One outbound message as the outbox hands it to a channel. */
export interface OutboundMessage {
  /** The business's address on the channel: its SMS number, or its WhatsApp phone number id. */
  from: string;
  /** The customer's phone number, E.164. */
  to: string;
  text: string;
  options: ChatOption[];
  /** A link the channel may show as a button; its URL is in `text` too. */
  link?: ChatLink | null;
  language: 'en' | 'es';
  /** Sent as this approved WhatsApp template instead of `text` (WhatsApp only). */
  template?: WhatsAppTemplate | null;
}

/** An approved WhatsApp message template, with its body's parameters in order. */
export interface WhatsAppTemplate {
  name: string;
  /** Meta's language code, e.g. `en`, `es`. */
  language: string;
  bodyParameters: string[];
}

export interface SendResult {
  /** The provider's id of what was sent (of the first part when the message went in several). */
  providerMessageId: string;
}

/**
 * What we know when a send did not succeed:
 * - `retry`: it certainly did not go out (the provider refused for now, or was never reached);
 * - `rejected`: the provider refused it for good (bad number, unsubscribed, bad credentials);
 * - `unknown`: it may have gone out (a timeout, a broken connection, part of it sent).
 * Only `retry` is ever sent again: a customer must not get a message twice because of us.
 */
export type DeliveryOutcome = 'retry' | 'rejected' | 'unknown';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly outcome: DeliveryOutcome,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** A provider that pushes messages to customers (the port; Twilio SMS and WhatsApp are its adapters). */
export interface MessagingChannel {
  readonly kind: PushChannel;
  /** Null when the channel can send; otherwise why it cannot (its credentials are not configured). */
  readonly disabledReason: string | null;
  /** Sends one message; throws a DeliveryError saying whether trying again is safe. */
  send(message: OutboundMessage): Promise<SendResult>;
}

export const MESSAGING_CHANNELS = Symbol('MESSAGING_CHANNELS');

/** Network failures where the request cannot have reached the provider, so trying again is safe. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'CERT_HAS_EXPIRED']);

/** A failure below HTTP: safe to retry only when the connection was never made. */
export function networkFailure(error: unknown, provider: string): DeliveryError {
  const code = errorCode(error);
  const detail = code ?? (error instanceof Error ? error.message : String(error));
  return code && NOT_SENT_CODES.has(code)
    ? new DeliveryError(`${provider} could not be reached (${detail})`, 'retry')
    : new DeliveryError(`${provider} did not answer (${detail}); the message may have been sent`, 'unknown');
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Reading Meta's webhook notifications for the WhatsApp Cloud API: pure, no I/O. */

export interface WhatsAppInbound {
  /** The wamid: a redelivered notification carries the same one. */
  id: string;
  /** The customer's number in E.164 (Meta sends digits without '+'). */
  from: string;
  text: string;
  /** The id of the reply button or list row the customer tapped. */
  optionId?: string;
}

export type WhatsAppDeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface WhatsAppStatusUpdate {
  /** The wamid Meta gave the message we sent. */
  id: string;
  status: WhatsAppDeliveryStatus;
  /** Meta's reason when `failed`. */
  error?: string;
}

/** Everything one change says about one business phone number. */
export interface WhatsAppChange {
  phoneNumberId: string;
  messages: WhatsAppInbound[];
  statuses: WhatsAppStatusUpdate[];
  /** Message types the engine has no use for (images, reactions, …): acknowledged and dropped. */
  ignored: string[];
}

const STATUSES: readonly string[] = ['sent', 'delivered', 'read', 'failed'];

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/**
 * A non-empty string field, without U+0000: Postgres cannot store it, and a notification must
 * not fail (and be redelivered forever) because a NUL sits in it.
 */
const str = (value: unknown): string | undefined => {
  const text = typeof value === 'string' ? value.replaceAll('\u0000', '') : '';
  return text.length > 0 ? text : undefined;
};

/**
 * The changes of a notification that concern messages, per business phone number. Parts that
 * are not shaped as documented are skipped rather than failing the whole notification, which
 * Meta would redeliver forever.
 */
export function parseWhatsAppNotification(payload: unknown): WhatsAppChange[] {
  if (!isObject(payload)) return [];
  const changes: WhatsAppChange[] = [];
  for (const entry of array(payload.entry)) {
    if (!isObject(entry)) continue;
    for (const change of array(entry.changes)) {
      if (!isObject(change) || (change.field !== undefined && change.field !== 'messages') || !isObject(change.value)) continue;
      const value = change.value;
      const phoneNumberId = isObject(value.metadata) ? str(value.metadata.phone_number_id) : undefined;
      if (!phoneNumberId) continue;
      const parsed: WhatsAppChange = { phoneNumberId, messages: [], statuses: [], ignored: [] };
      for (const message of array(value.messages)) {
        const inbound = readMessage(message);
        if (typeof inbound === 'string') parsed.ignored.push(inbound);
        else parsed.messages.push(inbound);
      }
      for (const status of array(value.statuses)) {
        const update = readStatus(status);
        if (update) parsed.statuses.push(update);
      }
      changes.push(parsed);
    }
  }
  return changes;
}

/** The inbound message, or the type it had when it is not one the engine reads. */
function readMessage(message: unknown): WhatsAppInbound | string {
  if (!isObject(message)) return 'malformed';
  const id = str(message.id);
  const digits = str(message.from)?.replace(/^\+/, '');
  const type = str(message.type) ?? 'unknown';
  if (!id || !digits || !/^\d{6,15}$/.test(digits)) return 'malformed';
  const from = `+${digits}`;
  switch (type) {
    case 'text': {
      const body = isObject(message.text) ? str(message.text.body) : undefined;
      return body === undefined ? 'malformed' : { id, from, text: body };
    }
    case 'interactive': {
      const interactive = isObject(message.interactive) ? message.interactive : {};
      const tapped = isObject(interactive.button_reply)
        ? interactive.button_reply
        : isObject(interactive.list_reply)
          ? interactive.list_reply
          : undefined;
      const optionId = tapped ? str(tapped.id) : undefined;
      if (!tapped || !optionId) return 'interactive';
      return { id, from, text: str(tapped.title) ?? '', optionId };
    }
    case 'button': {
      // A quick-reply button of a template message: its payload is the id we gave it.
      const button = isObject(message.button) ? message.button : {};
      const text = str(button.text);
      if (!text) return 'malformed';
      const payload = str(button.payload);
      return payload ? { id, from, text, optionId: payload } : { id, from, text };
    }
    default:
      return type;
  }
}

function readStatus(status: unknown): WhatsAppStatusUpdate | undefined {
  if (!isObject(status)) return undefined;
  const id = str(status.id);
  const value = str(status.status);
  if (!id || !value || !STATUSES.includes(value)) return undefined;
  const update: WhatsAppStatusUpdate = { id, status: value as WhatsAppDeliveryStatus };
  if (value === 'failed') {
    const first = array(status.errors).find(isObject);
    const code = typeof first?.code === 'number' || typeof first?.code === 'string' ? first.code : undefined;
    const title = first ? (str(first.title) ?? str(first.message)) : undefined;
    update.error =
      [code === undefined ? undefined : `WhatsApp error ${code}`, title].filter(Boolean).join(': ') ||
      'WhatsApp reported the message failed';
  }
  return update;
}

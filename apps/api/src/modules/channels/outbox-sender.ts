import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import type { ChatOption } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { DeliveryError, MESSAGING_CHANNELS, type MessagingChannel, type PushChannel } from './messaging-channel';
import { afterFailure } from './outbox-policy';

export const OUTBOX_INTERVAL_NAME = 'outbox';
export const OUTBOX_INTERVAL_MS = 1_000;
/** Messages sent side by side by one process (each holds a database connection while it sends). */
const CONCURRENCY = 2;
/** Messages one run handles at most, so a backlog does not keep one run going for ever. */
const BATCH_LIMIT = 200;

export const OPTED_OUT = 'The customer opted out of messages';

interface DueMessage {
  id: string;
  tenant_id: string;
  channel: 'web' | PushChannel;
  body: string;
  options: ChatOption[] | null;
  attempts: number;
  phone: string;
  opted_out: boolean;
  tenant_status: string;
  sms_number: string | null;
  whatsapp_phone_number_id: string | null;
  language: string | null;
}

type Outcome =
  | { status: 'sent'; providerMessageId: string }
  | { status: 'pending'; nextAttemptAt: Date; error: string }
  | { status: 'failed'; error: string; attempted: boolean };

/**
 * The oldest due pending message whose conversation has no earlier message still pending:
 * a conversation's messages go out one at a time, in the order they were written. The row
 * lock (SKIP LOCKED, so other senders pass it by) is the claim; it lasts until the outcome is
 * committed, never lapses on a timer, so no two senders ever hold the same message.
 */
const CLAIM_SQL = `
  select m.id, m.tenant_id, m.channel, m.body, m.options, m.attempts,
         c.phone, c.opted_out, t.status as tenant_status, t.sms_number, t.whatsapp_phone_number_id,
         coalesce(cv.memory->>'language', c.language, t.locale) as language
    from messages m
    join conversations cv on cv.tenant_id = m.tenant_id and cv.id = m.conversation_id
    join customers c on c.tenant_id = cv.tenant_id and c.id = cv.customer_id
    join tenants t on t.id = m.tenant_id
   where m.status = 'pending' and m.next_attempt_at <= $1
     and not exists (
       select 1 from messages earlier
        where earlier.tenant_id = m.tenant_id and earlier.conversation_id = m.conversation_id
          and earlier.status = 'pending' and earlier.seq < m.seq)
   order by m.next_attempt_at, m.seq
   limit 1
   for update of m skip locked`;

/**
 * The transactional outbox's sender: delivers pending outbound messages (WhatsApp replies,
 * staff replies, anything not answered inline) through their channel, across tenants. Safe
 * to run in every API process at once.
 */
@Injectable()
export class OutboxSender {
  private readonly logger = new Logger(OutboxSender.name);
  private readonly channels: Map<string, MessagingChannel>;
  private running = false;

  constructor(
    private readonly db: Db,
    @Inject(MESSAGING_CHANNELS) channels: MessagingChannel[],
  ) {
    this.channels = new Map(channels.map((c) => [c.kind, c]));
  }

  @Interval(OUTBOX_INTERVAL_NAME, OUTBOX_INTERVAL_MS)
  async tick(): Promise<void> {
    // A slow provider can make a run outlast the interval; runs in one process do not overlap.
    if (this.running) return;
    this.running = true;
    try {
      await this.deliverDue();
    } catch (error) {
      this.logger.error(`Outbox run failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }

  /**
   * Delivers every message due at `now` (a later `now` reaches retries scheduled after
   * failures); returns how many messages were handled, sent or not.
   */
  async deliverDue(now: Date = new Date()): Promise<number> {
    let handled = 0;
    const worker = async () => {
      while (handled < BATCH_LIMIT && (await this.deliverNext(now))) handled++;
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return handled;
  }

  /** Claims, sends and records one message, all in one transaction; false when none is due. */
  private deliverNext(now: Date): Promise<boolean> {
    return this.db.crossTenant(async (m) => {
      const [message] = await m.query<DueMessage[]>(CLAIM_SQL, [now]);
      if (!message) return false;
      const outcome = await this.attempt(message, now);
      await this.record(m, message, outcome);
      return true;
    });
  }

  private async attempt(message: DueMessage, now: Date): Promise<Outcome> {
    if (message.channel === 'web')
      return { status: 'failed', error: 'The web chat has no way to push a message', attempted: false };
    const channel = this.channels.get(message.channel);
    if (!channel || channel.disabledReason) {
      return { status: 'failed', error: channel?.disabledReason ?? `No ${message.channel} channel`, attempted: false };
    }
    if (message.tenant_status !== 'active') return { status: 'failed', error: 'The business is suspended', attempted: false };
    if (message.opted_out) return { status: 'failed', error: OPTED_OUT, attempted: false };
    const from = message.channel === 'sms' ? message.sms_number : message.whatsapp_phone_number_id;
    if (!from) {
      const missing = message.channel === 'sms' ? 'an SMS number' : 'a WhatsApp phone number id';
      return { status: 'failed', error: `The business has no ${missing}`, attempted: false };
    }

    try {
      const { providerMessageId } = await channel.send({
        from,
        to: message.phone,
        text: message.body,
        options: message.options ?? [],
        language: message.language === 'es' ? 'es' : 'en',
      });
      return { status: 'sent', providerMessageId };
    } catch (error) {
      const failure =
        error instanceof DeliveryError
          ? error
          : new DeliveryError(error instanceof Error ? error.message : String(error), 'unknown');
      const next = afterFailure(failure.outcome, message.attempts + 1, now);
      this.logger.warn(
        `Message ${message.id} (${message.channel}) attempt ${message.attempts + 1} failed (${failure.outcome}): ${failure.message}`,
      );
      return next.status === 'pending'
        ? { status: 'pending', nextAttemptAt: next.nextAttemptAt, error: failure.message }
        : { status: 'failed', error: failure.message, attempted: true };
    }
  }

  private async record(m: EntityManager, message: DueMessage, outcome: Outcome): Promise<void> {
    switch (outcome.status) {
      case 'sent':
        await m.query(
          `update messages set status = 'sent', provider_message_id = $2, attempts = attempts + 1, next_attempt_at = null,
                  last_error = null, updated_at = now() where id = $1`,
          [message.id, outcome.providerMessageId],
        );
        this.logger.log(`Message ${message.id} sent by ${message.channel} as ${outcome.providerMessageId}`);
        return;
      case 'pending':
        await m.query(
          `update messages set attempts = attempts + 1, next_attempt_at = $2, last_error = $3, updated_at = now() where id = $1`,
          [message.id, outcome.nextAttemptAt, outcome.error.slice(0, 1000)],
        );
        return;
      case 'failed':
        await m.query(
          `update messages set status = 'failed', attempts = attempts + $2, next_attempt_at = null, last_error = $3, updated_at = now()
            where id = $1`,
          [message.id, outcome.attempted ? 1 : 0, outcome.error.slice(0, 1000)],
        );
        if (!outcome.attempted) this.logger.log(`Message ${message.id} not sent: ${outcome.error}`);
        return;
      default:
        return assertNever(outcome);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled outcome: ${JSON.stringify(value)}`);
}

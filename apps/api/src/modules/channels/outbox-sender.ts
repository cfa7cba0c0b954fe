import { Inject, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { type ClaimedMessage, Db } from '../../common/db/db.service';
import { Lifecycle } from '../../common/lifecycle/lifecycle.service';
import { Metrics } from '../metrics/metrics.service';
import { MessageEntity } from '../conversations/entities/message.entity';
import { DeliveryError, MESSAGING_CHANNELS, type MessagingChannel } from './messaging-channel';
import { afterFailure, isDeliveryReport, nextDeliveryStatus } from './outbox-policy';

export const OUTBOX_INTERVAL_NAME = 'outbox';
export const OUTBOX_INTERVAL_MS = 1_000;
/** Messages one claim leases: sent side by side, each outside any transaction. */
export const CLAIM_BATCH = 10;
/** Messages one run handles at most, so a backlog does not keep one run going for ever. */
const BATCH_LIMIT = 200;
/**
 * How long a claim keeps other senders off a message: well past the channels' own 10 s
 * timeouts. Should a sender die between the send and its record, the message is tried again
 * once the lease lapses: the provider may then see it twice, at most one claim batch per killed
 * process (test/outbox-crash.ts).
 */
const OUTBOX_LEASE_SECONDS = 60;

export const OPTED_OUT = 'The customer opted out of messages';

type Outcome =
  | { status: 'sent'; providerMessageId: string }
  | { status: 'pending'; nextAttemptAt: Date; error: string }
  | { status: 'failed'; error: string; attempted: boolean };

/**
 * The transactional outbox's sender: delivers pending outbound messages (WhatsApp replies,
 * staff replies, anything not answered inline) through their channel, across tenants. Safe
 * to run in every API process at once. No database connection is held while a provider is
 * called: a message is leased in one short statement (`Db.claimOutbox`), sent, and its
 * outcome recorded as its tenant in another, only while the lease is still this sender's.
 */
@Injectable()
export class OutboxSender {
  private readonly logger = new Logger(OutboxSender.name);
  private readonly channels: Map<string, MessagingChannel>;
  private running = false;
  /** The messages this process has leased and not yet recorded. */
  private readonly leased = new Map<string, ClaimedMessage>();

  constructor(
    private readonly db: Db,
    @Inject(MESSAGING_CHANNELS) channels: MessagingChannel[],
    private readonly lifecycle: Lifecycle,
    private readonly metrics: Metrics,
  ) {
    this.channels = new Map(channels.map((c) => [c.kind, c]));
    lifecycle.onUnfinishedDrain(() => this.releaseLeases());
  }

  @Interval(OUTBOX_INTERVAL_NAME, OUTBOX_INTERVAL_MS)
  async tick(): Promise<void> {
    // A slow provider can make a run outlast the interval; runs in one process do not overlap.
    if (this.running) return;
    this.running = true;
    try {
      await this.lifecycle.runJob(() => this.deliverDue().then(() => undefined));
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
    // A draining process finishes the batch it holds and claims no more.
    while (handled < BATCH_LIMIT && !this.lifecycle.draining) {
      const claimed = await this.db.claimOutbox(now, OUTBOX_LEASE_SECONDS, CLAIM_BATCH);
      if (claimed.length === 0) break;
      for (const message of claimed) this.leased.set(message.leaseId, message);
      await Promise.all(
        claimed.map(async (message) => {
          try {
            await this.record(message, await this.attempt(message, now));
          } finally {
            this.leased.delete(message.leaseId);
          }
        }),
      );
      handled += claimed.length;
    }
    return handled;
  }

  private async attempt(message: ClaimedMessage, now: Date): Promise<Outcome> {
    if (message.channel === 'web')
      return { status: 'failed', error: 'The web chat has no way to push a message', attempted: false };
    const channel = this.channels.get(message.channel);
    if (!channel || channel.disabledReason) {
      return { status: 'failed', error: channel?.disabledReason ?? `No ${message.channel} channel`, attempted: false };
    }
    if (message.tenantStatus !== 'active') return { status: 'failed', error: 'The business is suspended', attempted: false };
    if (message.optedOut) return { status: 'failed', error: OPTED_OUT, attempted: false };
    const from = message.channel === 'sms' ? message.smsNumber : message.whatsappPhoneNumberId;
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
        link: message.link,
        language: message.language === 'es' ? 'es' : 'en',
        template: message.template,
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

  /** Records the outcome and ends the lease, as the message's tenant; a lease lost meanwhile records nothing. */
  private async record(message: ClaimedMessage, outcome: Outcome): Promise<void> {
    const recorded = await this.db.asTenant(message.tenantId, async (m) => {
      const result = await m
        .createQueryBuilder()
        .update(MessageEntity)
        .set({ ...this.changes(message, outcome), leaseId: null, leasedUntil: null })
        .where('id = :id and lease_id = :leaseId', { id: message.id, leaseId: message.leaseId })
        .execute();
      if (result.affected && outcome.status === 'sent' && message.channel !== 'web') {
        await this.applyEarlyReport(m, message.id, message.channel, outcome.providerMessageId);
      }
      return result;
    });
    if (outcome.status !== 'failed' || outcome.attempted) {
      this.metrics.messageAttempted(message.channel, outcome.status === 'pending' ? 'retry' : outcome.status);
    }
    if (recorded.affected === 0) {
      this.logger.warn(`Message ${message.id}: its lease lapsed before the outcome (${outcome.status}) was recorded`);
    } else if (outcome.status === 'sent') {
      this.logger.log(`Message ${message.id} sent by ${message.channel} as ${outcome.providerMessageId}`);
    } else if (outcome.status === 'failed' && !outcome.attempted) {
      this.logger.log(`Message ${message.id} not sent: ${outcome.error}`);
    }
  }

  /**
   * Gives back the leases of messages still in flight when a stopping process runs out of time,
   * so another process sends them now rather than after the lease. A send the provider was
   * already taking may then reach it twice, as after a crash (see OUTBOX_LEASE_SECONDS).
   */
  private async releaseLeases(): Promise<void> {
    const unfinished = [...this.leased.values()];
    this.leased.clear();
    await Promise.all(
      unfinished.map((message) =>
        this.db.asTenant(message.tenantId, (m) =>
          m
            .createQueryBuilder()
            .update(MessageEntity)
            .set({ leaseId: null, leasedUntil: null })
            .where('id = :id and lease_id = :leaseId', { id: message.id, leaseId: message.leaseId })
            .execute(),
        ),
      ),
    );
    if (unfinished.length > 0) this.logger.warn(`Released ${unfinished.length} message lease(s) unfinished at shutdown`);
  }

  /** A delivery report that came before this record of the send (a fast provider) applies now. */
  private async applyEarlyReport(m: EntityManager, id: string, channel: 'sms' | 'whatsapp', providerMessageId: string) {
    const early = await this.db.takeEarlyDeliveryStatus(m, channel, providerMessageId);
    if (!isDeliveryReport(early)) return;
    const next = nextDeliveryStatus('sent', early);
    if (next) await m.update(MessageEntity, { id }, { status: next });
  }

  private changes(message: ClaimedMessage, outcome: Outcome): QueryDeepPartialEntity<MessageEntity> {
    switch (outcome.status) {
      case 'sent':
        return {
          status: 'sent',
          providerMessageId: outcome.providerMessageId,
          attempts: message.attempts + 1,
          nextAttemptAt: null,
          lastError: null,
        };
      case 'pending':
        return { attempts: message.attempts + 1, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error.slice(0, 1000) };
      case 'failed':
        return {
          status: 'failed',
          attempts: message.attempts + (outcome.attempted ? 1 : 0),
          nextAttemptAt: null,
          lastError: outcome.error.slice(0, 1000),
        };
      default:
        return assertNever(outcome);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled outcome: ${JSON.stringify(value)}`);
}

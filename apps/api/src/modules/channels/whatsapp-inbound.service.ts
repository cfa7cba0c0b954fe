import { HttpException, Injectable, Logger } from '@nestjs/common';
import { Db } from '../../common/db/db.service';
import type { ChannelRoute } from '../conversations/conversation.repository';
import { ConversationService } from '../conversations/conversation.service';
import { ChannelRouting } from './channel-routing';
import { nextDeliveryStatus, replaceableBy } from './outbox-policy';
import type { WhatsAppChange, WhatsAppInbound, WhatsAppStatusUpdate } from './whatsapp-notification';

/**
 * What a WhatsApp notification means for us: customer messages go to the conversation engine
 * (one short transaction each; replies wait in the outbox), delivery reports move our
 * messages forward.
 */
@Injectable()
export class WhatsAppInboundService {
  private readonly logger = new Logger(WhatsAppInboundService.name);

  constructor(
    private readonly db: Db,
    private readonly routing: ChannelRouting,
    private readonly conversations: ConversationService,
  ) {}

  /**
   * Takes in what a notification says; `refusedSuspended` when messages were refused because
   * their business is suspended (everything else in it was taken in).
   */
  async handle(changes: WhatsAppChange[]): Promise<{ refusedSuspended: boolean }> {
    let refusedSuspended = false;
    for (const change of changes) {
      if (change.ignored.length > 0) this.logger.log(`WhatsApp messages of type ${change.ignored.join(', ')} ignored`);
      if (change.messages.length === 0 && change.statuses.length === 0) continue;
      const refused = await this.routing.withTenant('whatsapp', change.phoneNumberId, async (tenant, route) => {
        if (!tenant) {
          // Acknowledged all the same: Meta would redeliver it for days, and it would never route.
          this.logger.warn(`WhatsApp notification for unknown phone number id ${change.phoneNumberId} ignored`);
          return false;
        }
        const suspended = tenant.status !== 'active' && change.messages.length > 0;
        if (suspended) this.logger.log(`WhatsApp messages to suspended tenant ${tenant.id} not taken`);
        // A message taken before a changed route showed comes again as a repeat, which changes nothing.
        else for (const message of change.messages) await this.receive(tenant.id, message, route);
        if (change.statuses.length > 0) await this.applyStatuses(tenant.id, change.statuses);
        return suspended;
      });
      refusedSuspended ||= refused;
    }
    return { refusedSuspended };
  }

  private async receive(tenantId: string, message: WhatsAppInbound, route: ChannelRoute | undefined): Promise<void> {
    try {
      await this.conversations.receive({
        tenantId,
        channel: 'whatsapp',
        from: message.from,
        text: message.text,
        optionId: message.optionId,
        providerMessageId: message.id,
        repliesInline: false,
        route,
      });
    } catch (error) {
      // A message we can never take (a number that is not one) would fail on every redelivery;
      // anything else fails the notification so Meta delivers it again (repeats are recognised).
      if (error instanceof HttpException && error.getStatus() < 500) {
        this.logger.warn(`WhatsApp message ${message.id} refused: ${error.message}`);
        return;
      }
      throw error;
    }
  }

  /** Delivery reports, which may arrive out of order, only ever move a message forward. */
  private applyStatuses(tenantId: string, statuses: WhatsAppStatusUpdate[]): Promise<void> {
    return this.db.asTenant(tenantId, async (m) => {
      for (const update of statuses) {
        const [row]: { id: string; status: string }[] = await m.query(
          `select id, status from messages
            where channel = 'whatsapp' and direction = 'outbound' and provider_message_id = $1 for update`,
          [update.id],
        );
        if (!row) {
          // Not recorded as sent yet (or not ours): kept, and applied when the send is recorded.
          await this.db.recordDeliveryStatus('whatsapp', update.id, update.status, replaceableBy(update.status));
          continue;
        }
        const next = nextDeliveryStatus(row.status, update.status);
        if (!next) continue;
        await m.query(
          `update messages set status = $2, last_error = coalesce($3, last_error), updated_at = now() where id = $1`,
          [row.id, next, next === 'failed' ? (update.error ?? 'WhatsApp reported the message failed') : null],
        );
      }
    });
  }
}

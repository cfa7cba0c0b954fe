import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConversationDetail, ConversationList, ConversationMessage, ConversationSummary } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { notFound } from '../../common/errors/app-error';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { AuditService } from '../audit/audit.service';
import { MessageEntity } from './entities/message.entity';

const SUMMARY_SELECT = `
  select cv.*, c.name as customer_name, c.phone as customer_phone
    from conversations cv join customers c on c.id = cv.customer_id`;

const toSummary = (r: Record<string, any>): ConversationSummary => ({
  id: r.id,
  customer: { id: r.customer_id, name: r.customer_name, phone: r.customer_phone },
  channel: r.channel,
  state: r.state,
  flaggedForStaff: r.flagged_for_staff,
  botPaused: r.bot_paused,
  lastMessageAt: r.last_message_at ? new Date(r.last_message_at).toISOString() : null,
  lastMessagePreview: r.last_message_preview,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export const toMessage = (m: MessageEntity): ConversationMessage => ({
  id: m.id,
  direction: m.direction,
  author: m.author,
  channel: m.channel,
  body: m.body,
  status: m.status,
  createdAt: m.createdAt.toISOString(),
});

/** The staff side of conversations: the inbox, replying as the business, pausing the bot. */
@Injectable()
export class InboxService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  list(options: { flagged?: boolean; limit: number; offset: number }): Promise<ConversationList> {
    return this.db.tx(async (m) => {
      const where = options.flagged === undefined ? '' : `where cv.flagged_for_staff = ${options.flagged ? 'true' : 'false'}`;
      const [{ total }] = await m.query(`select count(*)::int as total from conversations cv ${where}`);
      const rows = await m.query(
        `${SUMMARY_SELECT} ${where} order by cv.flagged_for_staff desc, cv.last_message_at desc nulls last, cv.id limit $1 offset $2`,
        [options.limit, options.offset],
      );
      return { items: rows.map(toSummary), total };
    });
  }

  get(id: string): Promise<ConversationDetail> {
    return this.db.tx(async (m) => {
      const summary = await this.summary(m, id);
      const messages = await m.find(MessageEntity, {
        where: { conversationId: id },
        order: { createdAt: 'ASC', id: 'ASC' },
        take: 500,
      });
      return { ...summary, messages: messages.map(toMessage) };
    });
  }

  /** Staff write as the business: the message goes out on the customer's channel through the outbox. */
  reply(id: string, text: string): Promise<ConversationMessage> {
    return this.db.tx(async (m) => {
      const summary = await this.summary(m, id, true);
      const [{ opted_out: optedOut }] = await m.query('select opted_out from customers where id = $1', [summary.customer.id]);
      const outbox = summary.channel !== 'web' && !optedOut;
      const inserted = await m.insert(MessageEntity, {
        tenantId: getTenantContext().tenantId,
        conversationId: id,
        direction: 'outbound',
        author: 'staff',
        channel: summary.channel,
        body: text,
        // Web chat has no push channel: the reply is recorded for the customer's next visit.
        status: outbox ? 'pending' : optedOut ? 'failed' : 'sent',
        nextAttemptAt: outbox ? new Date() : null,
        lastError: optedOut ? 'The customer opted out of messages' : null,
      });
      // Once a person has answered, the thread no longer waits for one.
      await m.query(
        `update conversations set flagged_for_staff = false, last_message_at = now(), last_message_preview = $2, updated_at = now() where id = $1`,
        [id, text.slice(0, 140)],
      );
      const message = await m.findOneByOrFail(MessageEntity, { id: inserted.identifiers[0].id as string });
      await this.audit.record(m, {
        tenantId: getTenantContext().tenantId,
        action: 'conversation.reply',
        entity: 'conversation',
        entityId: id,
        after: { messageId: message.id },
      });
      return toMessage(message);
    });
  }

  setBotPaused(id: string, paused: boolean): Promise<ConversationSummary> {
    return this.db.tx(async (m) => {
      const before = await this.summary(m, id, true);
      await m.query(
        `update conversations set bot_paused = $2, flagged_for_staff = case when $2 then flagged_for_staff else false end, updated_at = now() where id = $1`,
        [id, paused],
      );
      const after = await this.summary(m, id);
      await this.audit.record(m, {
        tenantId: getTenantContext().tenantId,
        action: paused ? 'conversation.pause' : 'conversation.resume',
        entity: 'conversation',
        entityId: id,
        before: { botPaused: before.botPaused, flaggedForStaff: before.flaggedForStaff },
        after: { botPaused: after.botPaused, flaggedForStaff: after.flaggedForStaff },
      });
      return after;
    });
  }

  private async summary(m: EntityManager, id: string, lock = false): Promise<ConversationSummary> {
    if (lock) await m.query('select id from conversations where id = $1 for update', [id]);
    const rows = await m.query(`${SUMMARY_SELECT} where cv.id = $1`, [id]);
    if (rows.length === 0) throw notFound('Conversation');
    return toSummary(rows[0]);
  }
}

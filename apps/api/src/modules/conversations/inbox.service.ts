import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConversationDetail, ConversationList, ConversationMessage, ConversationSummary } from '@frontdesk/contracts';
import { Db } from '../../common/db/db.service';
import { notFound } from '../../common/errors/app-error';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { AuditService } from '../audit/audit.service';
import { MessageEntity } from './entities/message.entity';

/** A conversation with its customer, as `SUMMARY_SELECT` reads it. */
interface SummaryRow {
  id: string;
  customerId: string;
  customerName: string | null;
  customerPhone: string;
  customerOptedOut: boolean;
  channel: ConversationSummary['channel'];
  state: ConversationSummary['state'];
  flaggedForStaff: boolean;
  botPaused: boolean;
  lastMessageAt: Date | null;
  lastMessagePreview: string | null;
  updatedAt: Date;
}

const SUMMARY_SELECT = `
  select cv.id, cv.customer_id as "customerId", c.name as "customerName", c.phone as "customerPhone",
         c.opted_out as "customerOptedOut", cv.channel, cv.state, cv.flagged_for_staff as "flaggedForStaff",
         cv.bot_paused as "botPaused", cv.last_message_at as "lastMessageAt",
         cv.last_message_preview as "lastMessagePreview", cv.updated_at as "updatedAt"
    from conversations cv join customers c on c.tenant_id = cv.tenant_id and c.id = cv.customer_id`;

const toSummary = (r: SummaryRow): ConversationSummary => ({
  id: r.id,
  customer: { id: r.customerId, name: r.customerName, phone: r.customerPhone },
  channel: r.channel,
  state: r.state,
  flaggedForStaff: r.flaggedForStaff,
  botPaused: r.botPaused,
  optedOut: r.customerOptedOut,
  lastMessageAt: r.lastMessageAt?.toISOString() ?? null,
  lastMessagePreview: r.lastMessagePreview,
  updatedAt: r.updatedAt.toISOString(),
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
      const [{ total }] = await m.query<{ total: number }[]>(`select count(*)::int as total from conversations cv ${where}`);
      const rows = await m.query<SummaryRow[]>(
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
      const row = await this.row(m, id, true);
      const summary = toSummary(row);
      const outbox = summary.channel !== 'web' && !row.customerOptedOut;
      const inserted = await m.insert(MessageEntity, {
        tenantId: getTenantContext().tenantId,
        conversationId: id,
        direction: 'outbound',
        author: 'staff',
        channel: summary.channel,
        body: text,
        // Web chat has no push channel: the reply is recorded for the customer's next visit.
        status: outbox ? 'pending' : row.customerOptedOut ? 'failed' : 'sent',
        nextAttemptAt: outbox ? new Date() : null,
        lastError: row.customerOptedOut ? 'The customer opted out of messages' : null,
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
      const before = toSummary(await this.row(m, id, true));
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

  private async summary(m: EntityManager, id: string): Promise<ConversationSummary> {
    return toSummary(await this.row(m, id));
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<SummaryRow> {
    const [row] = await m.query<SummaryRow[]>(`${SUMMARY_SELECT} where cv.id = $1${lock ? ' for update of cv' : ''}`, [id]);
    if (!row) throw notFound('Conversation');
    return row;
  }
}

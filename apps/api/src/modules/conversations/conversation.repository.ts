import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel, ChatReply, DepositSettings, PaymentStatus } from '@frontdesk/contracts';
import type { Language, Memory, UpcomingBooking } from '@frontdesk/conversation';
import { ACTIVE_BOOKING_STATUSES, refundsOnCancel } from '@frontdesk/policies';
import { depositSettingsOf } from '../payments/tenant-payments';
import { CustomerEntity } from '../customers/entities/customer.entity';
import { ConversationEntity } from './entities/conversation.entity';
import { MessageEntity } from './entities/message.entity';

/** A customer and their conversation, as one message reads them. */
export interface ConversationRow {
  tenantId: string;
  customerId: string;
  phone: string;
  name: string | null;
  language: Language | null;
  optedOut: boolean;
  id: string;
  memory: Partial<Memory>;
  bookingId: string | null;
  flaggedForStaff: boolean;
  botPaused: boolean;
  /** Raised by every saved message: a change under the lock since the row was read shows here. */
  version: number;
  updatedAt: Date;
}

interface UpcomingRow {
  id: string;
  serviceId: string;
  staffId: string;
  startAt: Date;
  status: UpcomingBooking['status'];
  depositCents: number;
  paymentStatus: PaymentStatus;
  depositSettings: DepositSettings | null;
  cancellationNoticeHours: number;
}

const CONVERSATION_SQL = `
  select cv.tenant_id as "tenantId", c.id as "customerId", c.phone, c.name, c.language, c.opted_out as "optedOut",
         cv.id, cv.memory, cv.booking_id as "bookingId", cv.flagged_for_staff as "flaggedForStaff",
         cv.bot_paused as "botPaused", cv.version, cv.updated_at as "updatedAt"
    from conversations cv join customers c on c.tenant_id = cv.tenant_id and c.id = cv.customer_id
   where c.phone = $1`;

/** The rows of one customer's conversation, inside the caller's tenant transaction. */
@Injectable()
export class ConversationRepository {
  /** The customer with this phone and their conversation, or undefined when there is none yet. */
  async find(m: EntityManager, phone: string): Promise<ConversationRow | undefined> {
    const [row] = await m.query<ConversationRow[]>(CONVERSATION_SQL, [phone]);
    return row;
  }

  /**
   * The customer's conversation, created with the customer when new, its messages from now on
   * serialised: two messages from one customer at the same moment take turns, so the state
   * stays whole. The lock is taken before anything is read or written.
   */
  async lockOrCreate(m: EntityManager, tenantId: string, phone: string, channel: Channel): Promise<ConversationRow> {
    await m.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [`conversation:${tenantId}:${phone}`]);
    const existing = await this.find(m, phone);
    if (existing) return existing;
    await m.createQueryBuilder().insert().into(CustomerEntity).values({ tenantId, phone }).orIgnore().execute();
    const customer = await m.findOneByOrFail(CustomerEntity, { phone });
    await m.insert(ConversationEntity, { tenantId, customerId: customer.id, channel });
    return (await this.find(m, phone))!;
  }

  /**
   * Records an inbound message; false when its provider id was recorded before, so the caller
   * changes nothing. The ids are unique per channel within the tenant: a redelivery is routed by
   * the number it was sent to, the same tenant as the first delivery.
   */
  async recordInbound(
    m: EntityManager,
    conversation: ConversationRow,
    message: { tenantId: string; channel: Channel; text: string; providerMessageId?: string },
  ): Promise<boolean> {
    const inserted = await m
      .createQueryBuilder()
      .insert()
      .into(MessageEntity)
      .values({
        tenantId: message.tenantId,
        conversationId: conversation.id,
        direction: 'inbound',
        author: 'customer',
        channel: message.channel,
        body: message.text.slice(0, 20000),
        providerMessageId: message.providerMessageId ?? null,
        status: 'received',
      })
      .orIgnore()
      .execute();
    return (inserted.raw as unknown[]).length > 0;
  }

  /** The customer's active bookings from `now` on, soonest first. */
  async upcoming(m: EntityManager, customerId: string, now: Date): Promise<UpcomingBooking[]> {
    const rows = await m.query<UpcomingRow[]>(
      `select b.id, b.service_id as "serviceId", b.staff_id as "staffId", b.start_at as "startAt", b.status,
              b.deposit_cents as "depositCents", b.payment_status as "paymentStatus",
              t.deposit_settings as "depositSettings", t.cancellation_notice_hours as "cancellationNoticeHours"
         from bookings b join tenants t on t.id = b.tenant_id
        where b.customer_id = $1 and b.start_at > $2 and b.status = any($3::text[])
        order by b.start_at`,
      [customerId, now, ACTIVE_BOOKING_STATUSES],
    );
    return rows.map((b) => ({
      id: b.id,
      serviceId: b.serviceId,
      staffId: b.staffId,
      start: b.startAt.toISOString(),
      status: b.status,
      // What cancelling now does to a paid deposit, by the same rule the cancellation applies.
      paidDeposit:
        b.paymentStatus === 'paid'
          ? {
              cents: b.depositCents,
              refundedOnCancel: refundsOnCancel({
                paid: true,
                refundOnTimelyCancel: depositSettingsOf(b).refundOnTimelyCancel,
                start: b.startAt,
                now,
                cancellationNoticeHours: b.cancellationNoticeHours,
              }),
            }
          : null,
    }));
  }

  async customerName(m: EntityManager, customerId: string): Promise<string | null> {
    return (await m.findOneByOrFail(CustomerEntity, { id: customerId })).name;
  }

  /** The new state, and the replies: sent inline already, or `pending` for the outbox. */
  async save(
    m: EntityManager,
    conversation: ConversationRow,
    update: { channel: Channel; memory: Memory; preview: string; replies: ChatReply[]; repliesInline: boolean },
  ): Promise<void> {
    const { memory } = update;
    await m.update(
      ConversationEntity,
      { id: conversation.id },
      {
        channel: update.channel,
        memory,
        state: memory.state,
        awaiting: memory.awaiting,
        bookingId: memory.bookingId,
        flaggedForStaff: conversation.flaggedForStaff,
        botPaused: conversation.botPaused,
        lastMessageAt: () => 'now()',
        lastMessagePreview: update.preview,
        version: () => 'version + 1',
      },
    );
    if (update.replies.length === 0) return;
    await m.insert(
      MessageEntity,
      update.replies.map((reply) => ({
        tenantId: conversation.tenantId,
        conversationId: conversation.id,
        direction: 'outbound' as const,
        author: 'bot' as const,
        channel: update.channel,
        body: reply.text,
        options: reply.options ?? null,
        link: reply.link ?? null,
        status: update.repliesInline ? ('sent' as const) : ('pending' as const),
        nextAttemptAt: update.repliesInline ? null : () => 'now()',
      })),
    );
  }
}

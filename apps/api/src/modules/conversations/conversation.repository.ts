import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { EntityManager } from 'typeorm';
import type { Channel, ChatReply, DepositSettings, PaymentStatus } from '@frontdesk/contracts';
import type { Language, LastReminder, Memory, UpcomingBooking } from '@frontdesk/conversation';
import { ACTIVE_BOOKING_STATUSES, refundsOnCancel } from '@frontdesk/policies';
import { depositSettingsOf } from '../payments/tenant-payments';
import { CustomerEntity } from '../customers/entities/customer.entity';
import { ConversationEntity } from './entities/conversation.entity';
import { type BookableCatalog, type CatalogRow, toCatalog } from '../bookings/schedule.repository';

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

/** The conversation under the lock, with what its step reads of the customer. */
export interface LockedConversation {
  conversation: ConversationRow;
  upcoming: UpcomingBooking[];
  lastReminder: LastReminder | null;
}

/** An upcoming booking as the SQL function `upcoming_bookings` gives it (JSON, so its start is a string). */
interface UpcomingRow {
  id: string;
  serviceId: string;
  staffId: string;
  startAt: string;
  status: UpcomingBooking['status'];
  depositCents: number;
  paymentStatus: PaymentStatus;
  depositSettings: DepositSettings | null;
  cancellationNoticeHours: number;
}

/** An inbound message to record with the conversation it belongs to. */
export interface InboundRecord {
  channel: Channel;
  text: string;
  providerMessageId?: string;
}

/** The provider address (an SMS number, a WhatsApp phone number id) a message's business was found by. */
export interface ChannelRoute {
  kind: 'sms' | 'whatsapp';
  address: string;
}

/** The address a message's business was found by no longer leads to that business, active: nothing was kept. */
export class RouteChanged extends Error {
  constructor() {
    super('The channel address no longer leads to this business');
  }
}

/** The conversation as the SQL function `customer_conversation` gives it (JSON: its instants are strings). */
type ConversationJson = Omit<ConversationRow, 'updatedAt'> & {
  updatedAt: string;
  upcoming: UpcomingRow[];
  lastReminder: LastReminder | null;
  recorded: boolean;
};

/** A message's conversation under its lock; `recorded` false: the inbound message's provider id was recorded before. */
export type EnteredConversation = LockedConversation & { recorded: boolean };

/**
 * The arguments of `customer_conversation` after the phone: the customer's bookings from `now` on,
 * and `inbound` recorded when given (none without a conversation).
 */
const conversationArgs = (now: Date, inbound: InboundRecord | undefined) => [
  now,
  ACTIVE_BOOKING_STATUSES,
  inbound?.channel ?? null,
  inbound?.text.slice(0, 20000) ?? null,
  inbound?.providerMessageId ?? null,
];

function toEntered(row: ConversationJson | null, now: Date): EnteredConversation | undefined {
  if (!row) return undefined;
  const { upcoming, lastReminder, recorded, updatedAt, ...conversation } = row;
  return {
    conversation: { ...conversation, updatedAt: new Date(updatedAt) },
    upcoming: toUpcoming(upcoming, now),
    lastReminder,
    recorded,
  };
}

/** What cancelling now does to a paid deposit, by the same rule the cancellation applies. */
function toUpcoming(rows: UpcomingRow[], now: Date): UpcomingBooking[] {
  return rows.map((b) => {
    const start = new Date(b.startAt);
    return {
      id: b.id,
      serviceId: b.serviceId,
      staffId: b.staffId,
      start: start.toISOString(),
      status: b.status,
      paidDeposit:
        b.paymentStatus === 'paid'
          ? {
              cents: b.depositCents,
              refundedOnCancel: refundsOnCancel({
                paid: true,
                refundOnTimelyCancel: depositSettingsOf(b).refundOnTimelyCancel,
                start,
                now,
                cancellationNoticeHours: b.cancellationNoticeHours,
              }),
            }
          : null,
    };
  });
}

/** The advisory lock that serialises the messages of the customer with this phone. */
export const conversationLock = (tenantId: string, phone: string) => `conversation:${tenantId}:${phone}`;

/** Freezes a value and everything it holds. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const held of Object.values(value)) deepFreeze(held);
  }
  return value;
}

/** Tenants whose catalog is remembered at once; the least recently used go first. */
const MAX_CATALOGS = 1_000;

/** The rows of one customer's conversation, inside the caller's tenant transaction. */
@Injectable()
export class ConversationRepository {
  /**
   * The catalog of each tenant as last read, with its version (`tenants.catalog_version`, moved by
   * every change to it): a message is answered the catalog only when the tenant's version is no
   * longer this one. Shared between messages, so frozen: a change in place would throw instead
   * of reaching other messages.
   */
  private readonly catalogs = new LRUCache<string, { version: number; catalog: BookableCatalog }>({ max: MAX_CATALOGS });

  /**
   * The customer with this phone and their conversation, or undefined when there is none yet;
   * without the lock (what a language model is asked against).
   */
  async find(m: EntityManager, phone: string, now: Date): Promise<ConversationRow | undefined> {
    return (await this.readConversation(m, phone, now, undefined))?.conversation;
  }

  /**
   * The transaction's first statement (see `Db.enteredBy`): names the tenant, takes the customer's
   * `conversationLock` and reads the catalog and the conversation as `lockOrCreate` does, all in
   * one round trip (the SQL function `enter_conversation`). `route`: the provider address the
   * tenant was found by; `RouteChanged` when it no longer leads to this business, active.
   */
  async enter(
    m: EntityManager,
    tenantId: string,
    phone: string,
    channel: Channel,
    now: Date,
    inbound?: InboundRecord & { route?: ChannelRoute },
  ): Promise<{ catalog: BookableCatalog; locked: EnteredConversation }> {
    type Entered = {
      routeHolds: boolean;
      catalogVersion: number | null;
      catalog: CatalogRow | null;
      conversation: ConversationJson | null;
    };
    const known = this.catalogs.get(tenantId);
    const [{ entered }] = await m.query<{ entered: Entered }[]>(
      'select enter_conversation($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) as entered',
      [
        tenantId,
        conversationLock(tenantId, phone),
        phone,
        ...conversationArgs(now, inbound),
        inbound?.route?.kind ?? null,
        inbound?.route?.address ?? null,
        known?.version ?? null,
      ],
    );
    if (!entered.routeHolds) throw new RouteChanged();
    const locked = toEntered(entered.conversation, now) ?? (await this.create(m, tenantId, phone, channel, now, inbound));
    return { catalog: this.catalogOf(tenantId, entered, known), locked };
  }

  /** The catalog `enter_conversation` answered, or the one remembered when it answered none (unchanged). */
  private catalogOf(
    tenantId: string,
    entered: { catalogVersion: number | null; catalog: CatalogRow | null },
    known: { version: number; catalog: BookableCatalog } | undefined,
  ): BookableCatalog {
    if (!entered.catalog && known && entered.catalogVersion === known.version) return known.catalog;
    const catalog = deepFreeze(toCatalog(entered.catalog));
    if (entered.catalogVersion !== null) this.catalogs.set(tenantId, { version: entered.catalogVersion, catalog });
    return catalog;
  }

  /**
   * The customer's conversation, created with the customer when new, its messages from now on
   * serialised: two messages from one customer at the same moment take turns, so the state
   * stays whole. The lock is taken before anything is read or written. Then one statement reads
   * the conversation with the customer's bookings from `now` on and the last reminder, and
   * records `inbound` when given: `recorded` is false when its provider id was recorded before
   * (in this tenant or any other: the ids are unique per channel), so the caller changes nothing.
   */
  async lockOrCreate(
    m: EntityManager,
    tenantId: string,
    phone: string,
    channel: Channel,
    now: Date,
    inbound?: InboundRecord,
  ): Promise<EnteredConversation> {
    await m.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [conversationLock(tenantId, phone)]);
    return (
      (await this.readConversation(m, phone, now, inbound)) ?? (await this.create(m, tenantId, phone, channel, now, inbound))
    );
  }

  /** A new customer's record and conversation (the customer's lock is held), read as `readConversation` reads it. */
  private async create(
    m: EntityManager,
    tenantId: string,
    phone: string,
    channel: Channel,
    now: Date,
    inbound: InboundRecord | undefined,
  ): Promise<EnteredConversation> {
    await m.createQueryBuilder().insert().into(CustomerEntity).values({ tenantId, phone }).orIgnore().execute();
    const customer = await m.findOneByOrFail(CustomerEntity, { phone });
    await m.insert(ConversationEntity, { tenantId, customerId: customer.id, channel });
    return (await this.readConversation(m, phone, now, inbound))!;
  }

  private async readConversation(
    m: EntityManager,
    phone: string,
    now: Date,
    inbound: InboundRecord | undefined,
  ): Promise<EnteredConversation | undefined> {
    const [{ conversation }] = await m.query<{ conversation: ConversationJson | null }[]>(
      'select customer_conversation($1, $2, $3, $4, $5, $6) as conversation',
      [phone, ...conversationArgs(now, inbound)],
    );
    return toEntered(conversation, now);
  }

  /** The customer's active bookings from `now` on, soonest first. */
  async upcoming(m: EntityManager, customerId: string, now: Date): Promise<UpcomingBooking[]> {
    const [row] = await m.query<{ upcoming: UpcomingRow[] }[]>('select upcoming_bookings($1, $2, $3) as upcoming', [
      customerId,
      now,
      ACTIVE_BOOKING_STATUSES,
    ]);
    return toUpcoming(row.upcoming, now);
  }

  async customerName(m: EntityManager, customerId: string): Promise<string | null> {
    return (await m.findOneByOrFail(CustomerEntity, { id: customerId })).name;
  }

  /**
   * The new state, and the replies: sent inline already, or `pending` for the outbox; one
   * statement, the replies in their order.
   */
  async save(
    m: EntityManager,
    conversation: ConversationRow,
    update: { channel: Channel; memory: Memory; preview: string; replies: ChatReply[]; repliesInline: boolean },
  ): Promise<void> {
    const { memory } = update;
    // A key left out is an SQL null in `jsonb_to_recordset` (a JSON null would be the jsonb value null).
    const replies = update.replies.map((reply) => ({
      body: reply.text,
      ...(reply.options && { options: reply.options }),
      ...(reply.link && { link: reply.link }),
    }));
    await m.query(SAVE_SQL, [
      conversation.id,
      update.channel,
      JSON.stringify(memory),
      memory.state,
      memory.awaiting,
      memory.bookingId,
      conversation.flaggedForStaff,
      conversation.botPaused,
      update.preview,
      JSON.stringify(replies),
      update.repliesInline ? 'sent' : 'pending',
    ]);
  }
}

/**
 * A message's outcome: the conversation's new state (its version raised) and the bot's
 * replies, in order (`seq` follows the order rows are inserted); a pending reply is due now.
 */
const SAVE_SQL = `
  with saved as (
    update conversations
       set channel = $2, memory = $3::jsonb, state = $4, awaiting = $5, booking_id = $6, flagged_for_staff = $7,
           bot_paused = $8, last_message_at = now(), last_message_preview = $9, version = version + 1, updated_at = now()
     where id = $1
     returning tenant_id, id)
  insert into messages (tenant_id, conversation_id, direction, author, channel, body, options, link, status, next_attempt_at)
  select saved.tenant_id, saved.id, 'outbound', 'bot', $2, r.body, r.options, r.link, $11,
         case when $11 = 'pending' then now() end
    from saved, rows from (jsonb_to_recordset($10::jsonb) as (body text, options jsonb, link jsonb))
                with ordinality as r(body, options, link, ord)
   order by r.ord`;

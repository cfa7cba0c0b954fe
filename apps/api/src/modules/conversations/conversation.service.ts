import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel, ChatReply, ChatResponse } from '@frontdesk/contracts';
import { type Command, initialMemory, type Memory, step, type StepResult, type Understanding } from '@frontdesk/conversation';
import { Db } from '../../common/db/db.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { BookingsService, isOverlapViolation, SlotUnavailable } from '../bookings/bookings.service';
import { CustomersService } from '../customers/customers.service';
import { CustomerEntity } from '../customers/entities/customer.entity';
import { ConversationFacts } from './conversation-facts';
import { ConversationEntity } from './entities/conversation.entity';
import { MessageEntity } from './entities/message.entity';
import { UnderstandingService } from './understanding.service';

export interface InboundMessage {
  tenantId: string;
  channel: Channel;
  /** The customer's phone number as the channel gave it. */
  from: string;
  text: string;
  /** The id of an option the customer tapped (WhatsApp reply buttons and lists). */
  optionId?: string;
  /** The provider's id (Twilio MessageSid, WhatsApp wamid): a repeat is recognised and ignored. */
  providerMessageId?: string;
  /**
   * True when the channel hands the replies back in its own answer (web chat, Twilio TwiML);
   * otherwise they are queued for the outbox sender.
   */
  repliesInline: boolean;
}

export interface InboundResult extends ChatResponse {
  /** The provider id was seen before: nothing changed and nothing is sent. */
  duplicate: boolean;
}

const PREVIEW_LENGTH = 140;
/** A failed command sends the engine back to offer alternatives; a few rounds settle any race. */
const MAX_COMMAND_ROUNDS = 3;

/**
 * The imperative shell around the conversation engine: one transaction per inbound message,
 * serialised per customer, that records the message, runs the engine, carries out its
 * commands and writes the replies (to be sent, or already answered inline).
 */
@Injectable()
export class ConversationService {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomersService,
    private readonly bookings: BookingsService,
    private readonly facts: ConversationFacts,
    private readonly understanding: UnderstandingService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  receive(message: InboundMessage): Promise<InboundResult> {
    // Postgres text cannot hold NUL characters; they carry no meaning in a message anyway.
    const inbound = { ...message, text: message.text.replaceAll('\u0000', '') };
    return this.db.asTenant(inbound.tenantId, async (m) => {
      const catalog = await this.facts.catalog(m, inbound.tenantId);
      const phone = this.customers.normalise(inbound.from, catalog.tenant.country, 'from');
      // Two messages from one customer at the same moment take turns, so the state stays whole.
      await m.query(`select pg_advisory_xact_lock(hashtext($1))`, [`conversation:${inbound.tenantId}:${phone}`]);
      const customer = await this.customers.upsert(m, catalog.tenant, { phone });
      const conversation = await this.conversationFor(m, inbound.tenantId, customer, inbound.channel, catalog.tenant.locale);

      const recorded = await this.recordInbound(m, conversation, inbound);
      if (!recorded) return { ...this.answer(conversation, []), duplicate: true };

      const now = new Date();
      let memory = this.currentMemory(conversation, now);
      const tapped = inbound.optionId ? memory.options.findIndex((o) => o.id === inbound.optionId) : -1;
      const understood: Understanding =
        tapped >= 0
          ? { intent: 'choose', language: memory.language, optionIndex: tapped }
          : await this.understanding.understand(inbound.text, {
              now,
              timezone: catalog.tenant.timezone,
              country: catalog.tenant.country,
              services: catalog.services.map(({ id, name, aliases }) => ({ id, name, aliases })),
              staff: catalog.staff,
              options: memory.options.map(({ id, label }) => ({ id, label })),
              awaiting: memory.awaiting,
              languageHint: memory.language,
            });

      // Opted-out customers get nothing from us until they opt back in; a paused bot stays silent.
      const silent =
        (customer.optedOut && understood.intent !== 'start') || (conversation.botPaused && understood.intent !== 'stop');
      if (silent) {
        await this.saveConversation(m, conversation, memory, inbound.text);
        return { ...this.answer(conversation, []), duplicate: false };
      }

      let facts = await this.facts.load(m, catalog, customer, now);
      let result: StepResult = step(memory, { kind: 'message', text: inbound.text, understanding: understood }, facts);
      const replies: ChatReply[] = [];
      // Commands run in order; one that fails goes back to the engine, which explains and offers alternatives.
      for (let attempt = 0; attempt < MAX_COMMAND_ROUNDS; attempt++) {
        const failure = await this.execute(m, inbound.tenantId, customer, conversation, result);
        if (!failure) break;
        memory = result.memory;
        facts = await this.facts.load(m, catalog, { ...customer, name: await this.customerName(m, customer.id) }, now);
        result = step(memory, { kind: 'command_failed', command: failure.command, reason: failure.reason }, facts);
      }
      replies.push(...result.replies);
      await this.saveConversation(m, conversation, result.memory, inbound.text);
      await this.recordReplies(m, conversation, inbound.channel, replies, inbound.repliesInline);
      return { ...this.answer(conversation, replies), duplicate: false };
    });
  }

  // ---- internals ----

  private async conversationFor(
    m: EntityManager,
    tenantId: string,
    customer: CustomerEntity,
    channel: Channel,
    locale: 'en' | 'es',
  ) {
    await m.query(
      `insert into conversations (tenant_id, customer_id, channel, memory) values ($1, $2, $3, $4)
       on conflict (tenant_id, customer_id) do nothing`,
      [tenantId, customer.id, channel, JSON.stringify(initialMemory(customer.language ?? locale))],
    );
    const conversation = await m.findOneOrFail(ConversationEntity, {
      where: { customerId: customer.id },
      lock: { mode: 'pessimistic_write' },
    });
    conversation.channel = channel;
    return conversation;
  }

  /** False when the provider id was seen before. */
  private async recordInbound(m: EntityManager, conversation: ConversationEntity, inbound: InboundMessage): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into messages (tenant_id, conversation_id, direction, author, channel, body, provider_message_id, status)
       values ($1, $2, 'inbound', 'customer', $3, $4, $5, 'received')
       on conflict (channel, provider_message_id) where provider_message_id is not null do nothing
       returning id`,
      [conversation.tenantId, conversation.id, inbound.channel, inbound.text.slice(0, 20000), inbound.providerMessageId ?? null],
    );
    return rows.length > 0;
  }

  /** The stored memory, or a fresh one when the conversation sat idle too long. */
  private currentMemory(conversation: ConversationEntity, now: Date): Memory {
    const stored = conversation.memory as Memory;
    const fresh = initialMemory(stored.language ?? 'en');
    if (!stored.state) return fresh;
    const idleMs = now.getTime() - conversation.updatedAt.getTime();
    if (stored.state !== 'IDLE' && idleMs > this.config.conversationIdleMinutes * 60_000) {
      // A hold left from before expires on its own; the engine starts over.
      return { ...fresh, language: stored.language };
    }
    return stored;
  }

  private async execute(
    m: EntityManager,
    tenantId: string,
    customer: CustomerEntity,
    conversation: ConversationEntity,
    result: StepResult,
  ): Promise<{ command: Command; reason: 'slot_unavailable' | 'too_late' | 'not_active' } | undefined> {
    for (const command of result.commands) {
      await m.query('SAVEPOINT engine_command');
      try {
        await this.run(m, tenantId, customer, conversation, result.memory, command);
        await m.query('RELEASE SAVEPOINT engine_command');
      } catch (error) {
        const reason = failureReason(error);
        if (!reason) throw error;
        await m.query('ROLLBACK TO SAVEPOINT engine_command');
        return { command, reason };
      }
    }
    return undefined;
  }

  private async run(
    m: EntityManager,
    tenantId: string,
    customer: CustomerEntity,
    conversation: ConversationEntity,
    memory: Memory,
    command: Command,
  ) {
    switch (command.type) {
      case 'hold': {
        const held = await this.bookings.createIn(
          m,
          tenantId,
          {
            serviceId: command.serviceId,
            staffId: command.staffId,
            start: new Date(command.start),
            customer: { phone: customer.phone },
            source: conversation.channel === 'web' ? 'chat' : conversation.channel,
          },
          { hold: true },
        );
        memory.bookingId = held.id;
        return;
      }
      case 'release':
        await this.bookings.releaseHoldIn(m, tenantId, command.bookingId);
        return;
      case 'confirm':
        await this.bookings.confirmHoldIn(m, tenantId, command.bookingId);
        return;
      case 'cancel':
        await this.bookings.customerCancelIn(m, tenantId, command.bookingId);
        return;
      case 'reschedule':
        await this.bookings.customerRescheduleIn(m, tenantId, command.bookingId, new Date(command.start), command.staffId);
        return;
      case 'update_customer':
        await m.query(
          `update customers set name = coalesce($2, name), email = coalesce($3, email), language = coalesce($4, language), updated_at = now()
            where id = $1`,
          [customer.id, command.name ?? null, command.email?.toLowerCase() ?? null, command.language ?? null],
        );
        return;
      case 'flag_for_staff':
        conversation.flaggedForStaff = true;
        if (command.pauseBot) conversation.botPaused = true;
        await this.audit.record(m, {
          tenantId,
          action: 'conversation.flag',
          entity: 'conversation',
          entityId: conversation.id,
          after: { reason: command.reason, botPaused: conversation.botPaused },
        });
        return;
      case 'opt_out':
      case 'opt_in':
        await m.query(`update customers set opted_out = $2, updated_at = now() where id = $1`, [
          customer.id,
          command.type === 'opt_out',
        ]);
        customer.optedOut = command.type === 'opt_out';
        return;
      default:
        return assertNever(command);
    }
  }

  private async customerName(m: EntityManager, customerId: string): Promise<string | null> {
    const [row] = await m.query('select name from customers where id = $1', [customerId]);
    return row?.name ?? null;
  }

  private async saveConversation(m: EntityManager, conversation: ConversationEntity, memory: Memory, lastText: string) {
    conversation.memory = memory;
    conversation.state = memory.state;
    conversation.awaiting = memory.awaiting;
    conversation.bookingId = memory.bookingId;
    conversation.lastMessageAt = new Date();
    conversation.lastMessagePreview = lastText.slice(0, PREVIEW_LENGTH);
    await m.save(conversation);
  }

  private async recordReplies(
    m: EntityManager,
    conversation: ConversationEntity,
    channel: Channel,
    replies: ChatReply[],
    inline: boolean,
  ) {
    for (const reply of replies) {
      await m.insert(MessageEntity, {
        tenantId: conversation.tenantId,
        conversationId: conversation.id,
        direction: 'outbound',
        author: 'bot',
        channel,
        body: reply.text,
        options: reply.options ?? null,
        status: inline ? 'sent' : 'pending',
        nextAttemptAt: inline ? null : new Date(),
      });
    }
  }

  private answer(conversation: ConversationEntity, replies: ChatReply[]): ChatResponse {
    const memory = conversation.memory as Partial<Memory>;
    return {
      replies,
      state: memory.state ?? 'IDLE',
      awaiting: memory.awaiting ?? null,
      bookingId: conversation.bookingId,
    };
  }
}

function failureReason(error: unknown): 'slot_unavailable' | 'too_late' | 'not_active' | undefined {
  if (error instanceof SlotUnavailable || isOverlapViolation(error)) return 'slot_unavailable';
  if (error instanceof AppError) {
    if (error.code === 'too_late') return 'too_late';
    if (error.code === 'conflict' || error.code === 'link_expired' || error.code === 'not_found') return 'not_active';
  }
  return undefined;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled command: ${JSON.stringify(value)}`);
}

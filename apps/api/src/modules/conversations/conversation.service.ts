import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel, ChatReply, ChatResponse } from '@frontdesk/contracts';
import {
  type Command,
  type DateRange,
  type Facts,
  type Input,
  initialMemory,
  type Language,
  type Memory,
  step,
  type StepResult,
  type Understanding,
  type UpcomingBooking,
} from '@frontdesk/conversation';
import { Db, type PipelinedStatement } from '../../common/db/db.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { BookingsService, isOverlapViolation, isRetryableConflict, SlotUnavailable } from '../bookings/bookings.service';
import { CustomersService } from '../customers/customers.service';
import {
  ACTIVE_STATUSES_LITERAL,
  CATALOG_SQL,
  type CatalogFacts,
  type CatalogRow,
  ConversationFacts,
  type CustomerFacts,
  ScheduleNeeded,
  type ScheduleRow,
  type ScheduleWindow,
} from './conversation-facts';
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

/** The customer and their conversation as read under the lock. */
interface ConversationRow {
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
  updatedAt: Date;
}

interface UpcomingRow {
  id: string;
  serviceId: string;
  staffId: string;
  startAt: Date;
  status: UpcomingBooking['status'];
}

const PREVIEW_LENGTH = 140;
/** A failed command sends the engine back to offer alternatives; a few rounds settle any race. */
const MAX_COMMAND_ROUNDS = 3;

// The statements of one message. Each names the customer by (tenant, phone), so they can all
// travel in one round trip, in order, after the lock; each sees what the ones before it wrote.
const LOCK_SQL = `select pg_advisory_xact_lock(hashtext($1))`;
const CUSTOMER_SQL = `insert into customers (tenant_id, phone) values ($1, $2) on conflict (tenant_id, phone) do nothing`;
// A new conversation's memory is `{}`: `currentMemory` starts it in the customer's language.
const CONVERSATION_SQL = `
  insert into conversations (tenant_id, customer_id, channel)
  select $1::uuid, c.id, $3::text from customers c where c.tenant_id = $1 and c.phone = $2
  on conflict (tenant_id, customer_id) do nothing`;
const CUSTOMER_ID = `(select c.id from customers c where c.tenant_id = $1 and c.phone = $2)`;
// Each reaches its rows by (tenant, customer) keys, whatever the number of conversations.
const READ_SQL = `
  select c.id as "customerId", c.phone, c.name, c.language, c.opted_out as "optedOut",
         cv.id, cv.memory, cv.booking_id as "bookingId", cv.flagged_for_staff as "flaggedForStaff",
         cv.bot_paused as "botPaused", cv.updated_at as "updatedAt"
    from conversations cv join customers c on c.tenant_id = cv.tenant_id and c.id = cv.customer_id
   where cv.tenant_id = $1 and cv.customer_id = ${CUSTOMER_ID}
     for update of cv`;
const INBOUND_SQL = `
  insert into messages (tenant_id, conversation_id, direction, author, channel, body, provider_message_id, status)
  select $1::uuid, cv.id, 'inbound', 'customer', $3::text, $4::text, $5::text, 'received'
    from conversations cv where cv.tenant_id = $1 and cv.customer_id = ${CUSTOMER_ID}
  on conflict (channel, provider_message_id) where provider_message_id is not null do nothing
  returning id`;
// By (tenant, customer) on bookings_customer, not through every future booking of the tenant.
const UPCOMING_SQL = `
  select b.id, b.service_id as "serviceId", b.staff_id as "staffId", b.start_at as "startAt", b.status
    from bookings b
   where b.tenant_id = $1 and b.customer_id = ${CUSTOMER_ID}
     and b.start_at > $4 and b.status = any($3::text[])
   order by b.start_at`;
const CUSTOMER_NAME_SQL = `select name from customers where tenant_id = $1 and phone = $2`;
/** The new state and the replies (sent inline, or `pending` for the outbox) in one statement. */
const SAVE_SQL = `
  with saved as (
    update conversations
       set channel = $3, memory = $4::jsonb, state = $5, awaiting = $6, booking_id = $7, flagged_for_staff = $8,
           bot_paused = $9, last_message_at = now(), last_message_preview = $10, updated_at = now()
     where tenant_id = $1 and id = $2
    returning id)
  insert into messages (tenant_id, conversation_id, direction, author, channel, body, options, status, next_attempt_at)
  select $1::uuid, saved.id, 'outbound', 'bot', $3::text, r.reply->>'text', nullif(r.reply->'options', 'null'::jsonb), $11::text,
         case when $11::text = 'pending' then now() end
    from saved, jsonb_array_elements($12::jsonb) with ordinality as r(reply, n)
   order by r.n`;

/** A value as Postgres reads it from text: JSON for objects and arrays. */
function pgText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const statement = (text: string, values: unknown[]): PipelinedStatement => ({ text, values: values.map(pgText) });

/**
 * The imperative shell around the conversation engine: one transaction per inbound message,
 * serialised per customer, that records the message, runs the engine, carries out its
 * commands and writes the replies (to be sent, or already answered inline).
 *
 * A message costs few round trips: the catalog travels with BEGIN; the lock, the customer,
 * the conversation, the inbound message and the upcoming bookings travel together; the
 * schedule is loaded only when the step searches for slots; the new state and the replies
 * travel with COMMIT.
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

  async receive(message: InboundMessage): Promise<InboundResult> {
    // Postgres text cannot hold NUL characters; they carry no meaning in a message anyway.
    const inbound = { ...message, text: message.text.replaceAll('\u0000', '') };
    // A number in international form reads the same in every country, so it is known before
    // the tenant's country is; a national one waits for the catalog.
    const international = inbound.from.trim().startsWith('+') ? this.customers.normalise(inbound.from, 'US', 'from') : undefined;
    return this.db.asTenantPipelined<CatalogRow, InboundResult>(
      inbound.tenantId,
      { text: CATALOG_SQL, values: [inbound.tenantId] },
      async (m, [catalogRow]) => {
        const catalog = this.facts.catalogFrom(catalogRow);
        const phone = international ?? this.customers.normalise(inbound.from, catalog.tenant.country, 'from');
        return this.handle(m, inbound, catalog, phone);
      },
    );
  }

  // ---- internals ----

  private async handle(
    m: EntityManager,
    inbound: InboundMessage,
    catalog: CatalogFacts,
    phone: string,
  ): Promise<{ result: InboundResult; last?: PipelinedStatement }> {
    const tenantId = inbound.tenantId;
    const now = new Date();
    const [, , , [row], recorded, upcomingRows] = await this.db.pipelined(m, [
      // Two messages from one customer at the same moment take turns, so the state stays whole.
      statement(LOCK_SQL, [`conversation:${tenantId}:${phone}`]),
      statement(CUSTOMER_SQL, [tenantId, phone]),
      statement(CONVERSATION_SQL, [tenantId, phone, inbound.channel]),
      statement(READ_SQL, [tenantId, phone]),
      statement(INBOUND_SQL, [tenantId, phone, inbound.channel, inbound.text.slice(0, 20000), inbound.providerMessageId ?? null]),
      statement(UPCOMING_SQL, [tenantId, phone, ACTIVE_STATUSES_LITERAL, now]),
    ]);
    const conversation = row as ConversationRow;
    const stored = currentMemory(
      conversation,
      conversation.language ?? catalog.tenant.locale,
      now,
      this.config.conversationIdleMinutes,
    );
    // A repeated provider id: already handled, so nothing changes and nothing is sent.
    if (recorded.length === 0) return { result: { ...answer(conversation.memory, conversation.bookingId, []), duplicate: true } };

    let memory = stored;
    const tapped = inbound.optionId ? memory.options.findIndex((o) => o.id === inbound.optionId) : -1;
    const understood: Understanding =
      tapped >= 0
        ? { intent: 'choose', language: memory.language, optionIndex: tapped }
        : await this.understanding.understand(inbound.text, {
            now,
            timezone: catalog.tenant.timezone,
            country: catalog.tenant.country,
            services: catalog.services.map(({ id, name, aliases }) => ({ id, name, aliases })),
            staff: catalog.staff.map(({ id, name }) => ({ id, name })),
            options: memory.options.map(({ id, label }) => ({ id, label })),
            awaiting: memory.awaiting,
            languageHint: memory.language,
          });

    // Opted-out customers get nothing from us until they opt back in; a paused bot stays silent.
    const silent =
      (conversation.optedOut && understood.intent !== 'start') || (conversation.botPaused && understood.intent !== 'stop');
    if (silent) {
      return {
        result: { ...answer(memory, memory.bookingId, []), duplicate: false },
        last: this.saveStatement(tenantId, conversation, inbound, memory, []),
      };
    }

    const customer: CustomerFacts = {
      name: conversation.name,
      optedOut: conversation.optedOut,
      botPaused: conversation.botPaused,
    };
    let upcoming = (upcomingRows as UpcomingRow[]).map(toUpcoming);
    let schedule: ScheduleWindow | undefined;
    const decide = async (input: Input) => {
      const decided = await this.decide(m, catalog, customer, upcoming, now, memory, input, schedule);
      schedule = decided.schedule;
      return decided.result;
    };

    let result = await decide({ kind: 'message', text: inbound.text, understanding: understood });
    // Commands run in order; one that fails goes back to the engine, which explains and offers alternatives.
    for (let attempt = 0; attempt < MAX_COMMAND_ROUNDS; attempt++) {
      const failure = await this.execute(m, tenantId, conversation, inbound.channel, result);
      if (!failure) break;
      memory = result.memory;
      // What the failed command raced with: fresh bookings and schedule.
      const [[named], rows] = await this.db.pipelined(m, [
        statement(CUSTOMER_NAME_SQL, [tenantId, phone]),
        statement(UPCOMING_SQL, [tenantId, phone, ACTIVE_STATUSES_LITERAL, now]),
      ]);
      customer.name = (named as { name: string | null } | undefined)?.name ?? null;
      upcoming = (rows as UpcomingRow[]).map(toUpcoming);
      schedule = undefined;
      result = await decide({ kind: 'command_failed', command: failure.command, reason: failure.reason });
    }
    return {
      result: { ...answer(result.memory, result.memory.bookingId, result.replies), duplicate: false },
      last: this.saveStatement(tenantId, conversation, inbound, result.memory, result.replies),
    };
  }

  /**
   * Steps the engine. The schedule is loaded only once a step searches for slots: around the
   * searched dates first, the whole booking window should a second step reach further.
   */
  private async decide(
    m: EntityManager,
    catalog: CatalogFacts,
    customer: CustomerFacts,
    upcoming: UpcomingBooking[],
    now: Date,
    memory: Memory,
    input: Input,
    loaded: ScheduleWindow | undefined,
  ): Promise<{ result: StepResult; schedule: ScheduleWindow | undefined }> {
    let schedule = loaded;
    for (let round = 0; ; round++) {
      const missed: DateRange[] = [];
      const facts: Facts = this.facts.build(catalog, customer, upcoming, now, schedule, missed);
      let result: StepResult | undefined;
      try {
        result = step(memory, input, facts);
      } catch (error) {
        if (!(error instanceof ScheduleNeeded)) throw error;
      }
      // Checked by what was missed, not by the exception alone, so an engine that caught it
      // still steps again with the schedule.
      if (result && missed.length === 0) return { result, schedule };
      const load = this.facts.scheduleStatement(catalog, now, missed, round > 0);
      const [[row]] = await this.db.pipelined(m, [statement(load.text, load.values)]);
      schedule = this.facts.scheduleFrom(load.window, row as ScheduleRow);
    }
  }

  private saveStatement(
    tenantId: string,
    conversation: ConversationRow,
    inbound: InboundMessage,
    memory: Memory,
    replies: ChatReply[],
  ): PipelinedStatement {
    return statement(SAVE_SQL, [
      tenantId,
      conversation.id,
      inbound.channel,
      memory,
      memory.state,
      memory.awaiting,
      memory.bookingId,
      conversation.flaggedForStaff,
      conversation.botPaused,
      inbound.text.slice(0, PREVIEW_LENGTH),
      inbound.repliesInline ? 'sent' : 'pending',
      replies.map((r) => ({ text: r.text, options: r.options ?? null })),
    ]);
  }

  /**
   * Carries out the step's commands in order. A booking command runs in a savepoint, so one
   * that fails (taken slot, too late, no longer active) is undone alone and reported; the
   * customer, opt-out and flag writes cannot fail that way and travel, pipelined, with the next
   * savepoint or on their own at the end. Savepoints are left for COMMIT to release.
   */
  private async execute(
    m: EntityManager,
    tenantId: string,
    conversation: ConversationRow,
    channel: Channel,
    result: StepResult,
  ): Promise<{ command: Command; reason: 'slot_unavailable' | 'too_late' | 'not_active' } | undefined> {
    const writes: PipelinedStatement[] = [];
    for (const command of result.commands) {
      if (!isBookingCommand(command)) {
        writes.push(this.plainWrite(tenantId, conversation, command));
        continue;
      }
      await this.db.pipelined(m, [...writes.splice(0), statement('SAVEPOINT engine_command', [])]);
      try {
        await this.runBookingCommand(m, tenantId, conversation, channel, result.memory, command);
      } catch (error) {
        const reason = failureReason(error);
        if (!reason) throw error;
        await m.query('ROLLBACK TO SAVEPOINT engine_command');
        return { command, reason };
      }
    }
    if (writes.length > 0) await this.db.pipelined(m, writes);
    return undefined;
  }

  /** The one write a command that is not about a booking comes down to. */
  private plainWrite(
    tenantId: string,
    conversation: ConversationRow,
    command: Exclude<Command, BookingCommand>,
  ): PipelinedStatement {
    switch (command.type) {
      case 'update_customer':
        return statement(
          `update customers set name = coalesce($2, name), email = coalesce($3, email), language = coalesce($4, language), updated_at = now()
            where tenant_id = $5 and id = $1`,
          [
            conversation.customerId,
            command.name ?? null,
            command.email?.toLowerCase() ?? null,
            command.language ?? null,
            tenantId,
          ],
        );
      case 'flag_for_staff':
        conversation.flaggedForStaff = true;
        if (command.pauseBot) conversation.botPaused = true;
        return this.audit.statement({
          tenantId,
          action: 'conversation.flag',
          entity: 'conversation',
          entityId: conversation.id,
          after: { reason: command.reason, botPaused: conversation.botPaused },
        });
      case 'opt_out':
      case 'opt_in':
        conversation.optedOut = command.type === 'opt_out';
        return statement(`update customers set opted_out = $2, updated_at = now() where tenant_id = $3 and id = $1`, [
          conversation.customerId,
          conversation.optedOut,
          tenantId,
        ]);
      default:
        return assertNever(command);
    }
  }

  private async runBookingCommand(
    m: EntityManager,
    tenantId: string,
    conversation: ConversationRow,
    channel: Channel,
    memory: Memory,
    command: BookingCommand,
  ): Promise<void> {
    switch (command.type) {
      case 'hold': {
        const held = await this.bookings.createIn(
          m,
          tenantId,
          {
            serviceId: command.serviceId,
            staffId: command.staffId,
            start: new Date(command.start),
            customer: { phone: conversation.phone },
            source: channel === 'web' ? 'chat' : channel,
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
      default:
        return assertNever(command);
    }
  }
}

/** Commands that write bookings: each may fail for a reason the engine explains. */
type BookingCommand = Extract<Command, { type: 'hold' | 'release' | 'confirm' | 'cancel' | 'reschedule' }>;
const BOOKING_COMMANDS = new Set<Command['type']>(['hold', 'release', 'confirm', 'cancel', 'reschedule']);
const isBookingCommand = (command: Command): command is BookingCommand => BOOKING_COMMANDS.has(command.type);

/** The stored memory, or a fresh one for a new conversation or one that sat idle too long. */
function currentMemory(conversation: ConversationRow, language: Language, now: Date, idleMinutes: number): Memory {
  const stored = conversation.memory;
  if (!stored.state) return initialMemory(language);
  const idleMs = now.getTime() - conversation.updatedAt.getTime();
  if (stored.state !== 'IDLE' && idleMs > idleMinutes * 60_000) {
    // A hold left from before expires on its own; the engine starts over.
    return initialMemory(stored.language ?? language);
  }
  return stored as Memory;
}

const toUpcoming = (b: UpcomingRow): UpcomingBooking => ({
  id: b.id,
  serviceId: b.serviceId,
  staffId: b.staffId,
  start: b.startAt.toISOString(),
  status: b.status,
});

function answer(memory: Partial<Memory>, bookingId: string | null, replies: ChatReply[]): ChatResponse {
  return { replies, state: memory.state ?? 'IDLE', awaiting: memory.awaiting ?? null, bookingId };
}

function failureReason(error: unknown): 'slot_unavailable' | 'too_late' | 'not_active' | undefined {
  // A deadlock or serialisation failure with another writer is a race for the slot, lost:
  // the savepoint rolls back and the customer is offered other times.
  if (error instanceof SlotUnavailable || isOverlapViolation(error) || isRetryableConflict(error)) return 'slot_unavailable';
  if (error instanceof AppError) {
    if (error.code === 'too_late') return 'too_late';
    if (error.code === 'conflict' || error.code === 'link_expired' || error.code === 'not_found') return 'not_active';
  }
  return undefined;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled command: ${JSON.stringify(value)}`);
}

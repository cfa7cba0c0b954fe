import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel, ChatReply, ChatTurn } from '@frontdesk/contracts';
import type { Input, Memory, StepResult, Understanding } from '@frontdesk/conversation';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db/db.service';
import { internationalPhone } from '../../common/phone';
import { type BookableCatalog, ScheduleRepository } from '../bookings/schedule.repository';
import { CustomersService } from '../customers/customers.service';
import { type CommandEffects, CommandExecutor } from './command-executor';
import { ConversationEngine, type StepContext } from './conversation-engine';
import type { ScheduleWindow } from './conversation-facts';
import {
  type ChannelRoute,
  ConversationRepository,
  type ConversationRow,
  type EnteredConversation,
  type LockedConversation,
  RouteChanged,
} from './conversation.repository';

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
   * The provider address the business was found by, when that was remembered rather than read
   * now: checked inside the transaction (`RouteChanged`, nothing kept, when it no longer holds).
   */
  route?: ChannelRoute;
  /**
   * True when the channel hands the replies back in its own answer (web chat, Twilio TwiML);
   * otherwise they are queued for the outbox sender.
   */
  repliesInline: boolean;
}

export interface InboundResult extends ChatTurn {
  /** The provider id was seen before: nothing changed and nothing is sent. */
  duplicate: boolean;
}

/** What a message is understood against: read before its transaction when a model is asked, else inside it. */
interface Snapshot {
  catalog: BookableCatalog;
  phone: string;
  /** The conversation as read before the transaction; undefined inside it (the locked one is used). */
  conversation: ConversationRow | undefined;
}

const PREVIEW_LENGTH = 140;
/** A failed command sends the engine back to offer alternatives; a few rounds settle any race. */
export const MAX_COMMAND_ROUNDS = 3;
/**
 * Times a message is understood afresh because its conversation changed while it was being
 * understood; the last round understands with the built-in rules inside the transaction.
 */
export const MAX_UNDERSTANDING_ROUNDS = 3;

/** The conversation changed between the snapshot a message was understood against and its lock. */
export class ConversationChanged extends Error {}
/** The provider id was recorded before: the transaction is rolled back, so nothing changes. */
class DuplicateMessage extends Error {
  constructor(readonly memory: Partial<Memory>) {
    super('The message was recorded before');
  }
}

/**
 * The imperative shell around the conversation engine. A message a language model is asked
 * about is understood before any transaction is open (the model is over the network); then one
 * transaction, serialised per customer, records it, checks that the conversation is still as
 * understood (the built-in understanding runs here, against the locked conversation), runs the
 * engine, carries out its commands and writes the replies (to be sent, or already answered
 * inline).
 */
@Injectable()
export class ConversationService {
  constructor(
    private readonly db: Db,
    private readonly customers: CustomersService,
    private readonly schedules: ScheduleRepository,
    private readonly conversations: ConversationRepository,
    private readonly commands: CommandExecutor,
    private readonly engine: ConversationEngine,
    private readonly clock: Clock,
  ) {}

  async receive(message: InboundMessage): Promise<InboundResult> {
    // Postgres text cannot hold NUL characters; they carry no meaning in a message anyway.
    const inbound = { ...message, text: message.text.replaceAll('\u0000', '') };
    for (let round = 1; ; round++) {
      // A language model is asked before the transaction, against a snapshot read in one of its
      // own. The built-in understanding needs no network, so it needs no snapshot either: it
      // understands inside the transaction, against the conversation as locked (as the last
      // round does), and the message costs one transaction instead of two.
      const ahead = this.engine.asksModel && round < MAX_UNDERSTANDING_ROUNDS;
      const snapshot = ahead ? await this.db.asTenant(inbound.tenantId, (m) => this.snapshot(m, inbound)) : undefined;
      const understood = snapshot && (await this.understand(inbound, snapshot, this.clock.now(), true));
      const effects: CommandEffects = {};
      const now = this.clock.now();
      // A number in international form (what the channels give) reads the same in any country,
      // so the customer's lock is known before the catalog, and the transaction's first statement
      // names the tenant, takes the lock and reads the catalog with the conversation.
      const phone = internationalPhone(inbound.from);
      try {
        const handled = phone
          ? await this.db.enteredBy(
              (m) => this.conversations.enter(m, inbound.tenantId, phone, inbound.channel, now, inbound),
              (m, { catalog, locked }) =>
                this.handle(
                  m,
                  inbound,
                  { catalog, phone, conversation: snapshot?.conversation },
                  locked,
                  understood,
                  effects,
                  now,
                ),
            )
          : await this.db.asTenant(inbound.tenantId, async (m) => {
              // Only `enter` checks a remembered route: the caller reads it afresh and comes again.
              if (inbound.route) throw new RouteChanged();
              const current = snapshot ?? (await this.context(m, inbound));
              const locked = await this.conversations.lockOrCreate(
                m,
                inbound.tenantId,
                current.phone,
                inbound.channel,
                now,
                inbound,
              );
              return this.handle(m, inbound, current, locked, understood, effects, now);
            });
        // What the commands left for after commit (a deposit's Checkout page) gets a step of its own.
        const next = await this.commands.afterCommit(inbound.tenantId, effects);
        if (!next) return handled;
        const followed = await this.db.asTenant(inbound.tenantId, async (m) =>
          this.followUp(m, inbound, snapshot ?? (await this.context(m, inbound)), next),
        );
        return { ...followed, replies: [...handled.replies, ...followed.replies] };
      } catch (error) {
        if (error instanceof DuplicateMessage) return { ...answer(error.memory, []), duplicate: true };
        if (!(error instanceof ConversationChanged) || !ahead) throw error;
      }
    }
  }

  /** The catalog and the customer's phone, what a message is handled against inside its transaction. */
  private async context(m: EntityManager, inbound: InboundMessage): Promise<Snapshot> {
    const catalog = await this.schedules.catalog(m);
    return { catalog, phone: this.customers.normalise(inbound.from, catalog.tenant.country, 'from'), conversation: undefined };
  }

  /** `context`, and the conversation as it is before the message's transaction. */
  private async snapshot(m: EntityManager, inbound: InboundMessage): Promise<Snapshot> {
    const { catalog, phone } = await this.context(m, inbound);
    return { catalog, phone, conversation: await this.conversations.find(m, phone, this.clock.now()) };
  }

  /** The memory a message meets: fresh for a new conversation, or one idle too long. */
  private memoryOf(conversation: ConversationRow | undefined, catalog: BookableCatalog, now: Date): Memory {
    return this.engine.memoryOf(
      conversation?.memory,
      conversation?.language ?? catalog.tenant.locale,
      conversation?.updatedAt ?? null,
      now,
    );
  }

  /** What the message means, against the conversation as `snapshot` saw it. `network`: the model may be asked. */
  private understand(inbound: InboundMessage, snapshot: Snapshot, now: Date, network: boolean): Promise<Understanding> {
    const memory = this.memoryOf(snapshot.conversation, snapshot.catalog, now);
    return this.engine.understand(inbound.text, inbound.optionId, memory, snapshot.catalog, now, network);
  }

  private async handle(
    m: EntityManager,
    inbound: InboundMessage,
    snapshot: Snapshot,
    locked: EnteredConversation,
    understoodBefore: Understanding | undefined,
    effects: CommandEffects,
    now: Date,
  ): Promise<InboundResult> {
    const { conversation } = locked;
    if (!locked.recorded) throw new DuplicateMessage(conversation.memory);
    if (understoodBefore && conversation.version !== (snapshot.conversation?.version ?? 0)) throw new ConversationChanged();
    const understood = understoodBefore ?? (await this.understand(inbound, { ...snapshot, conversation }, now, false));
    const input: Input = { kind: 'message', text: inbound.text, understanding: understood, optionId: inbound.optionId };
    const result = await this.step(m, inbound, snapshot, locked, input, effects, now);
    // A confirmation that left the booking waiting for its deposit is told by the step that
    // follows the commit, with the Checkout link: this step's own replies are superseded.
    return this.save(m, inbound, conversation, effects.awaitingPayment ? { ...result, replies: [] } : result);
  }

  /** The step after a commit, on what it did outside the transaction (see `CommandExecutor.afterCommit`). */
  private async followUp(m: EntityManager, inbound: InboundMessage, snapshot: Snapshot, input: Input): Promise<InboundResult> {
    const now = this.clock.now();
    const locked = await this.conversations.lockOrCreate(m, inbound.tenantId, snapshot.phone, inbound.channel, now);
    return this.save(m, inbound, locked.conversation, await this.step(m, inbound, snapshot, locked, input, {}, now));
  }

  /** Steps the engine on `input` and carries out its commands; one refused goes back to the engine. */
  private async step(
    m: EntityManager,
    inbound: InboundMessage,
    snapshot: Snapshot,
    { conversation, upcoming, lastReminder }: LockedConversation,
    input: Input,
    effects: CommandEffects,
    now: Date,
  ): Promise<StepResult> {
    let memory = this.memoryOf(conversation, snapshot.catalog, now);
    const context: StepContext = {
      catalog: snapshot.catalog,
      customer: { name: conversation.name, optedOut: conversation.optedOut, botPaused: conversation.botPaused },
      upcoming,
      now,
      channel: inbound.channel,
      lastReminder,
    };
    let schedule: ScheduleWindow | undefined;
    const decide = async (next: Input) => {
      const decided = await this.engine.decide(m, context, memory, next, schedule);
      schedule = decided.schedule;
      return decided.result;
    };

    let result = await decide(input);
    for (let round = 0; round < MAX_COMMAND_ROUNDS; round++) {
      const failure = await this.commands.execute(
        m,
        conversation,
        inbound.channel,
        result.memory,
        result.commands,
        { catalog: snapshot.catalog, busy: schedule },
        undefined,
        effects,
      );
      if (!failure) break;
      memory = result.memory;
      // What the refused command raced with: fresh bookings and schedule.
      context.customer.name = await this.conversations.customerName(m, conversation.customerId);
      context.upcoming = await this.conversations.upcoming(m, conversation.customerId, now);
      schedule = undefined;
      result = await decide({ kind: 'command_failed', command: failure.command, reason: failure.reason });
    }
    return result;
  }

  private async save(m: EntityManager, inbound: InboundMessage, conversation: ConversationRow, result: StepResult) {
    await this.conversations.save(m, conversation, {
      channel: inbound.channel,
      memory: result.memory,
      preview: inbound.text.slice(0, PREVIEW_LENGTH),
      replies: result.replies,
      repliesInline: inbound.repliesInline,
    });
    return { ...answer(result.memory, result.replies), duplicate: false };
  }
}

export function answer(memory: Partial<Memory>, replies: ChatReply[]): ChatTurn {
  return { replies, state: memory.state ?? 'IDLE', awaiting: memory.awaiting ?? null, bookingId: memory.bookingId ?? null };
}

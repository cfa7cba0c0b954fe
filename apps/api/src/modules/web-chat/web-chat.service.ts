import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ChatResponse } from '@frontdesk/contracts';
import type { Input, Memory, StepResult, Understanding, VisitorFacts } from '@frontdesk/conversation';
import { Clock } from '../../common/clock';
import { Db } from '../../common/db/db.service';
import { normalisePhone } from '../../common/phone';
import { linkInvalid } from '../bookings/manage-links';
import { type BookableCatalog, ScheduleRepository } from '../bookings/schedule.repository';
import {
  type CommandEffects,
  CommandExecutor,
  type CommandTarget,
  type IdentityCommands,
} from '../conversations/command-executor';
import { ConversationEngine, type StepContext } from '../conversations/conversation-engine';
import type { ScheduleWindow } from '../conversations/conversation-facts';
import { ConversationRepository } from '../conversations/conversation.repository';
import { answer, ConversationChanged, MAX_COMMAND_ROUNDS, MAX_UNDERSTANDING_ROUNDS } from '../conversations/conversation.service';
import { type CodeRoute, CodeSender, type CodeToSend } from './code-sender';
import { VerificationCodes } from './verification-codes';
import { WebChatSessions } from './web-chat-sessions';
import { WebChatRepository, type WebChatRow } from './web-chat.repository';

/** What a message was understood against, read before its transaction. */
interface Snapshot {
  catalog: BookableCatalog;
  /** Undefined for the first message of a new session. */
  chat: WebChatRow | undefined;
}

interface Handled {
  chatId: string;
  result: StepResult;
  code: CodeToSend | undefined;
  /** What the commands left for after commit (see `CommandExecutor.afterCommit`). */
  effects: CommandEffects;
}

/** What a step is about: the visitor's message, or what happened after the previous step's commit. */
type StepOn = { text: string; understood: Understanding | undefined } | { followUp: Input };

/**
 * The web chat: the conversation engine for an anonymous visitor, named by a signed session.
 * The same engine as SMS and WhatsApp, the same shell rules (understood before the transaction,
 * a version check under the session's lock, commands in the transaction), and the customer
 * record of the phone the visitor verifies. A verification code is sent after the commit.
 */
@Injectable()
export class WebChatService {
  constructor(
    private readonly db: Db,
    private readonly schedules: ScheduleRepository,
    private readonly chats: WebChatRepository,
    private readonly conversations: ConversationRepository,
    private readonly commands: CommandExecutor,
    private readonly engine: ConversationEngine,
    private readonly sessions: WebChatSessions,
    private readonly codes: VerificationCodes,
    private readonly sender: CodeSender,
    private readonly clock: Clock,
  ) {}

  /** One message of a session (`session` undefined: the first message of a new one). */
  async receive(tenantId: string, session: string | undefined, rawText: string): Promise<ChatResponse> {
    // Postgres text cannot hold NUL characters; they carry no meaning in a message anyway.
    const text = rawText.replaceAll('\u0000', '');
    const id = session === undefined ? undefined : this.sessions.verify(session, tenantId);
    let handled: Handled | undefined;
    let snapshot: Snapshot | undefined;
    for (let round = 1; !handled; round++) {
      snapshot = await this.db.asTenant(tenantId, (m) => this.snapshot(m, id));
      const last = round === MAX_UNDERSTANDING_ROUNDS;
      const now = this.clock.now();
      const understood = last
        ? undefined
        : await this.engine.understand(
            text,
            undefined,
            this.memoryOf(snapshot.chat, snapshot.catalog, now),
            snapshot.catalog,
            now,
            true,
          );
      try {
        const taken = snapshot;
        handled = await this.db.asTenant(tenantId, (m) => this.handle(m, tenantId, id, taken, { text, understood }));
      } catch (error) {
        if (!(error instanceof ConversationChanged) || last) throw error;
      }
    }
    if (handled.code) await this.sender.send(handled.code);
    const { chatId } = handled;
    let { result } = handled;
    const next = await this.commands.afterCommit(tenantId, handled.effects);
    if (next) {
      const catalog = snapshot!;
      const followed = await this.db.asTenant(tenantId, (m) => this.handle(m, tenantId, chatId, catalog, { followUp: next }));
      result = { ...followed.result, replies: [...result.replies, ...followed.result.replies] };
    }
    return { session: session ?? this.sessions.token(chatId, tenantId), ...answer(result.memory, result.replies) };
  }

  private async snapshot(m: EntityManager, id: string | undefined): Promise<Snapshot> {
    const catalog = await this.schedules.catalog(m);
    if (id === undefined) return { catalog, chat: undefined };
    const chat = await this.chats.find(m, id);
    if (!chat) throw linkInvalid();
    return { catalog, chat };
  }

  private memoryOf(chat: WebChatRow | undefined, catalog: BookableCatalog, now: Date): Memory {
    return this.engine.memoryOf(chat?.memory, catalog.tenant.locale, chat?.updatedAt ?? null, now);
  }

  private async handle(
    m: EntityManager,
    tenantId: string,
    id: string | undefined,
    snapshot: Snapshot,
    on: StepOn,
  ): Promise<Handled> {
    const now = this.clock.now();
    const { catalog } = snapshot;
    const chat = id === undefined ? await this.chats.create(m, tenantId) : await this.chats.lock(m, id);
    if (!chat) throw linkInvalid();
    if ('text' in on && on.understood && snapshot.chat && chat.version !== snapshot.chat.version) throw new ConversationChanged();
    let memory = this.memoryOf(chat, catalog, now);
    const input: Input =
      'followUp' in on
        ? on.followUp
        : {
            kind: 'message',
            text: on.text,
            understanding: on.understood ?? (await this.engine.understand(on.text, undefined, memory, catalog, now, false)),
          };
    const route = await this.sender.routeFor(m);

    const target: CommandTarget = {
      tenantId,
      id: chat.id,
      entity: 'web_chat',
      phone: null,
      customerId: null,
      optedOut: false,
      flaggedForStaff: false,
      botPaused: false,
    };
    const context: StepContext = {
      catalog,
      // Unverified, the visitor is nobody in particular: no record, no bookings.
      customer: { name: null, optedOut: false, botPaused: false },
      upcoming: [],
      now,
      visitor: this.visitorFacts(chat, catalog, route),
    };
    if (chat.verifiedPhone) await this.actAs(m, chat.verifiedPhone, target, context);

    let code: CodeToSend | undefined;
    let verifiedNow = false;
    // Both only change the session row, written when the message is saved.
    const identity: IdentityCommands = (command) => {
      if (command.type === 'send_code') {
        if (!route) throw new Error('send_code without a channel to send it by');
        const fresh = this.codes.generate();
        chat.codeHash = this.codes.hash(chat.id, command.phone, fresh);
        chat.codePhone = command.phone;
        code = { route, to: command.phone, code: fresh, business: catalog.tenant.name, language: memory.language };
        return;
      }
      if (!chat.codePhone || command.phone !== chat.codePhone) throw new Error('verify for a phone no code was sent to');
      chat.verifiedPhone = command.phone;
      verifiedNow = true;
    };

    const effects: CommandEffects = {};
    let schedule: ScheduleWindow | undefined;
    const decide = async (input: Input) => {
      const decided = await this.engine.decide(m, context, memory, input, schedule);
      schedule = decided.schedule;
      return decided.result;
    };
    let result = await decide(input);
    for (let round = 0; round < MAX_COMMAND_ROUNDS; round++) {
      memory = result.memory;
      const read = { catalog, busy: schedule };
      const failure = await this.commands.execute(m, target, 'web', memory, result.commands, read, identity, effects);
      if (failure) {
        if (chat.verifiedPhone) await this.actAs(m, chat.verifiedPhone, target, context);
        schedule = undefined;
        result = await decide({ kind: 'command_failed', command: failure.command, reason: failure.reason });
      } else if (verifiedNow) {
        // The phone is proven: the request that waited for it goes ahead as that customer.
        verifiedNow = false;
        await this.actAs(m, chat.verifiedPhone!, target, context);
        context.visitor = this.visitorFacts(chat, catalog, route);
        const before = result.replies;
        result = await decide({ kind: 'verified' });
        result = { ...result, replies: [...before, ...result.replies] };
      } else {
        break;
      }
    }
    // A code is kept only while an attempt to enter it is open.
    if (!result.memory.visitor?.verification) {
      chat.codeHash = null;
      chat.codePhone = null;
    }
    await this.chats.save(m, chat, result.memory);
    // A confirmation that left the booking waiting for its deposit is told by the step that
    // follows the commit, with the Checkout link: this step's own replies are superseded.
    return { chatId: chat.id, result: effects.awaitingPayment ? { ...result, replies: [] } : result, code, effects };
  }

  private visitorFacts(chat: WebChatRow, catalog: BookableCatalog, route: CodeRoute | null): VisitorFacts {
    return {
      verifiedPhone: chat.verifiedPhone,
      canSendCode: route !== null,
      parsePhone: (text) => normalisePhone(text, catalog.tenant.country),
      codeMatches: (code) =>
        chat.codeHash !== null && chat.codePhone !== null && this.codes.matches(chat.codeHash, chat.id, chat.codePhone, code),
    };
  }

  /**
   * From here on the step acts for the customer with this verified phone: their record (made
   * now when they have none, as an SMS from a new number does) and their upcoming bookings.
   */
  private async actAs(m: EntityManager, phone: string, target: CommandTarget, context: StepContext): Promise<void> {
    const [customer] = await m.query<{ id: string; name: string | null; optedOut: boolean }[]>(
      `insert into customers (tenant_id, phone) values ($1, $2)
       on conflict (tenant_id, phone) do update set phone = excluded.phone
       returning id, name, opted_out as "optedOut"`,
      [target.tenantId, phone],
    );
    target.phone = phone;
    target.customerId = customer.id;
    target.optedOut = customer.optedOut;
    // The web chat answers what the visitor asks: an opt-out of pushed messages does not silence it.
    context.customer = { name: customer.name, optedOut: false, botPaused: false };
    context.upcoming = await this.conversations.upcoming(m, customer.id, context.now);
  }
}

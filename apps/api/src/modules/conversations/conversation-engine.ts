import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  type DateRange,
  type Facts,
  type Input,
  type Memory,
  resumeMemory,
  step,
  type StepResult,
  type Understanding,
  understand,
  type UpcomingBooking,
} from '@frontdesk/conversation';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { type BookableCatalog, ScheduleRepository } from '../bookings/schedule.repository';
import { ConversationFacts, type CustomerFacts, ScheduleNeeded, type ScheduleWindow } from './conversation-facts';
import { UnderstandingService } from './understanding.service';

/** What one step is taken against: the customer as the conversation knows them, and their bookings. */
export interface StepContext {
  catalog: BookableCatalog;
  customer: CustomerFacts;
  upcoming: UpcomingBooking[];
  now: Date;
  /** A web chat session's visitor (see `Facts.visitor`). */
  visitor?: Facts['visitor'];
  /** The channel of the message (see `Facts.channel`). */
  channel?: Facts['channel'];
  /** The last reminder the customer got (see `Facts.lastReminder`). */
  lastReminder?: Facts['lastReminder'];
}

/**
 * The engine's shell shared by phone conversations (SMS, WhatsApp, staff talking as a phone) and
 * web chat sessions: the memory a message meets, understanding it, and stepping the engine with
 * the schedule loaded only once a step searches for slots.
 */
@Injectable()
export class ConversationEngine {
  constructor(
    private readonly schedules: ScheduleRepository,
    private readonly facts: ConversationFacts,
    private readonly understanding: UnderstandingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** True when understanding may ask a language model, over the network: never inside a transaction. */
  get asksModel(): boolean {
    return this.understanding.usesModel;
  }

  /** The memory a message meets: fresh for a new conversation, or one idle too long. */
  memoryOf(stored: Partial<Memory> | undefined, language: Memory['language'], updatedAt: Date | null, now: Date): Memory {
    return resumeMemory(stored ?? {}, language, updatedAt, now, this.config.conversationIdleMinutes);
  }

  /** What `text` means, to a conversation with `memory`. `network`: the model may be asked. */
  async understand(
    text: string,
    optionId: string | undefined,
    memory: Memory,
    catalog: BookableCatalog,
    now: Date,
    network: boolean,
  ): Promise<Understanding> {
    const tapped = optionId ? memory.options.findIndex((o) => o.id === optionId) : -1;
    if (tapped >= 0) return { intent: 'choose', language: memory.language, optionIndex: tapped };
    const { tenant, services, staff } = catalog;
    const context = {
      now,
      timezone: tenant.timezone,
      country: tenant.country,
      services: services.filter((s) => s.active).map(({ id, name, aliases }) => ({ id, name, aliases })),
      staff: staff.map(({ id, name }) => ({ id, name })),
      options: memory.options.map(({ id, label }) => ({ id, label })),
      awaiting: memory.awaiting,
      languageHint: memory.language,
    };
    return network ? this.understanding.understand(text, context) : understand(text, context);
  }

  /**
   * Steps the engine. The schedule is loaded only once a step searches for slots: around the
   * searched dates first, the whole booking window should a second step reach further.
   */
  async decide(
    m: EntityManager,
    context: StepContext,
    memory: Memory,
    input: Input,
    loaded: ScheduleWindow | undefined,
  ): Promise<{ result: StepResult; schedule: ScheduleWindow | undefined }> {
    const { catalog, customer, upcoming, now } = context;
    let schedule = loaded;
    for (let round = 0; ; round++) {
      const missed: DateRange[] = [];
      let result: StepResult | undefined;
      try {
        const facts: Facts = {
          ...this.facts.build(catalog, customer, upcoming, now, schedule, missed),
          ...(context.visitor && { visitor: context.visitor }),
          ...(context.channel && { channel: context.channel }),
          ...(context.lastReminder && { lastReminder: context.lastReminder }),
        };
        result = step(memory, input, facts);
      } catch (error) {
        if (!(error instanceof ScheduleNeeded)) throw error;
      }
      // Checked by what was missed, not by the exception alone, so an engine that caught it
      // still steps again with the schedule.
      if (result && missed.length === 0) return { result, schedule };
      const range = this.facts.scheduleRange(catalog, now, missed, round > 0);
      schedule = { ...range, ...(await this.schedules.busy(m, range.from, range.to)) };
    }
  }
}

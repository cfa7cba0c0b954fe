import { Inject, Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import OpenAI from 'openai';
import { isUnderstanding, understand, type Understanding, type UnderstandingContext } from '@frontdesk/conversation';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';

const SYSTEM_PROMPT = `You extract what a customer of an appointment business means from one text message.
Answer with ONE JSON object and nothing else, with these keys (omit a key you cannot fill):
intent: one of book, reschedule, cancel, yes, no, choose, change, ask_services, ask_prices, ask_hours, ask_appointment, greeting, thanks, help, human, stop, start, unknown
language: "en" or "es" (the message's language)
serviceId, staffId: an id from the lists given, never anything else
date: YYYY-MM-DD, resolved from today's date given; dateRange: {"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}
time: HH:MM 24h; approximate: true for "around"; timeOfDay: morning|afternoon|evening; earliest: true for "first available"
sameTime: true for "same time"; name; email; optionIndex: 0-based index into the offered options.
Do not decide anything else: only extract.`;

/**
 * Intent and details of a customer's message: the built-in deterministic understanding, or,
 * when LLM_BASE_URL is set, an OpenAI-compatible model asked for a strict JSON extraction.
 * Any failure, timeout or invalid answer of the model falls back to the built-in one.
 */
@Injectable()
export class UnderstandingService {
  private readonly logger = new Logger(UnderstandingService.name);
  private readonly client: OpenAI | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { baseUrl, apiKey, timeoutMs } = config.llm;
    if (baseUrl) {
      this.client = new OpenAI({ baseURL: baseUrl, apiKey: apiKey?.reveal() ?? 'not-needed', timeout: timeoutMs, maxRetries: 0 });
    }
  }

  async understand(text: string, context: UnderstandingContext): Promise<Understanding> {
    const builtIn = understand(text, context);
    if (!this.client) return builtIn;
    try {
      const fromModel = await this.ask(text, context);
      return fromModel ?? builtIn;
    } catch (error) {
      this.logger.warn(`Language model unavailable, using built-in understanding: ${error instanceof Error ? error.message : String(error)}`);
      return builtIn;
    }
  }

  private async ask(text: string, context: UnderstandingContext): Promise<Understanding | undefined> {
    const today = DateTime.fromJSDate(context.now, { zone: context.timezone });
    const completion = await this.client!.chat.completions.create({
      model: this.config.llm.model ?? 'gpt-4o-mini',
      temperature: 0,
      response_format: { type: 'json_object' },
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        {
          role: 'user',
          content: JSON.stringify({
            today: `${today.toISODate()} (${today.toFormat('cccc')})`,
            nowLocalTime: today.toFormat('HH:mm'),
            services: context.services,
            staff: context.staff,
            offeredOptions: context.options ?? [],
            botAskedFor: context.awaiting ?? null,
            message: text.slice(0, 1000),
          }),
        },
      ],
    });
    const content = completion.choices[0]?.message?.content;
    if (!content) return undefined;
    const parsed: unknown = JSON.parse(content);
    if (!isUnderstanding(parsed) || !refersToKnownIds(parsed, context)) {
      this.logger.warn('Language model answer failed validation; using built-in understanding');
      return undefined;
    }
    return parsed;
  }
}

/** The model may only name services, staff and options that exist. */
function refersToKnownIds(u: Understanding, context: UnderstandingContext): boolean {
  if (u.serviceId && !context.services.some((s) => s.id === u.serviceId)) return false;
  if (u.staffId && !context.staff.some((s) => s.id === u.staffId)) return false;
  if (u.optionIndex !== undefined && (!context.options || u.optionIndex < 0 || u.optionIndex >= context.options.length)) return false;
  return true;
}

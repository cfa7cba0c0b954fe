import { Inject, Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import OpenAI from 'openai';
import type { ResponseFormatJSONObject, ResponseFormatJSONSchema } from 'openai/resources/shared';
import {
  INTENTS,
  toUnderstanding,
  understand,
  UNDERSTANDING_JSON_SCHEMA,
  type Understanding,
  type UnderstandingContext,
} from '@frontdesk/conversation';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';

/** One line per intent; the list itself comes from `INTENTS`, so a new intent cannot be left out. */
const INTENT_MEANINGS: Record<(typeof INTENTS)[number], string> = {
  book: 'wants a new appointment (may carry service, staff, date, time)',
  reschedule: 'wants to move an existing appointment',
  cancel: 'wants to cancel an existing appointment',
  yes: 'agrees or confirms ("yes", "sounds good", "sí")',
  no: 'declines ("no", "not that one")',
  choose: 'picks one of offeredOptions (by label, number, "the first one", "the later one"); optionIndex is then required',
  change:
    'replaces a detail already given, with a change marker and no booking verb ("actually 4pm", "make it Saturday", "with Jordan instead")',
  inform: 'gives details and nothing else, usually what botAskedFor ("tomorrow", "3pm", a name when asked for one, an email)',
  ask_services: 'asks what services there are',
  ask_prices: 'asks about prices',
  ask_hours: 'asks about opening hours',
  ask_appointment: 'asks when their appointment is',
  greeting: 'greets',
  thanks: 'thanks',
  help: 'asks for help with using the service',
  human: 'asks to talk to a person',
  stop: 'opts out of messages (STOP)',
  start: 'opts back in (START)',
  unknown: 'none of the above',
};

const SYSTEM_PROMPT = `You extract what a customer of an appointment business means from one text message.
You only extract: you never decide, book, or answer the customer.
Answer with one JSON object and nothing else. Use null (or leave the key out) for anything the message does not say.

intent, one of:
${INTENTS.map((intent) => `- ${intent}: ${INTENT_MEANINGS[intent]}`).join('\n')}
language: "en" or "es", the language of the message (languageHint when the message shows none)
serviceId: the id of one of the services given (match names, aliases and typos), never anything else
moreServiceIds: the ids of the other services the message names apart ("how much is a haircut and a beard trim?"), after serviceId
staffId: the id of one of the staff given, never anything else; anyStaff: true for "anyone", "no preference", "cualquiera"
date: YYYY-MM-DD, resolved from today in the business's time zone ("tomorrow", "Friday", "Dec 3", "the 3rd")
dateRange: {"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}, inclusive, for "next week", "this weekend"
time: HH:MM, 24-hour ("3pm" is "15:00", "noon" is "12:00", "half past two" is "14:30")
approximate: true for "around 3", "11ish" (only with time)
timeBound: "after" for "after 5", "before" for "before noon", "by 3" (only with time)
timeOfDay: "morning", "afternoon" or "evening", only when no exact time is given
earliest: true for "earliest", "first available", "asap"
sameTime: true for "same time"
relative: "later" for "anything later?", "¿algo más tarde?"; "earlier" for "something earlier", "¿algo antes?" (no time given)
mentionsAppointment: true when the message names an appointment or booking ("my appointment", "mi cita", "la reserva")
changesService: true when the message asks to change the service of an existing appointment ("change my haircut to a beard trim", "cambiar mi corte por barba"); serviceId is then the new service
fromServiceId: with changesService, the id of the service being replaced, when the message names it
name: the customer's own name when they give it ("this is Priya", "soy Lucía", or a bare name when botAskedFor is "name")
email: the customer's email address
optionIndex: 0-based index into offeredOptions, for intent choose`;

type JsonSchema = Record<string, unknown>;

/**
 * `UNDERSTANDING_JSON_SCHEMA` in the form OpenAI's strict structured outputs accept: every key
 * required, an optional one as "that or null", and string lengths (not supported there)
 * left to `toUnderstanding`, which drops the nulls and checks everything the schema cannot.
 */
export function strictUnderstandingSchema(): JsonSchema {
  const strip = (schema: JsonSchema): JsonSchema => {
    const copy: JsonSchema = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$schema' || key === 'title' || key === 'minLength' || key === 'maxLength') continue;
      copy[key] = key === 'properties' ? mapValues(value as Record<string, JsonSchema>, strip) : value;
    }
    return copy;
  };
  const base = strip(UNDERSTANDING_JSON_SCHEMA);
  const required = new Set(UNDERSTANDING_JSON_SCHEMA.required as readonly string[]);
  const properties = mapValues(base.properties as Record<string, JsonSchema>, (schema, key) =>
    required.has(key) ? schema : { anyOf: [schema, { type: 'null' }] },
  );
  return { ...base, properties, required: Object.keys(properties) };
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T, key: string) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value, key)]));
}

const JSON_SCHEMA_FORMAT: ResponseFormatJSONSchema = {
  type: 'json_schema',
  json_schema: { name: 'understanding', strict: true, schema: strictUnderstandingSchema() },
};
const JSON_OBJECT_FORMAT: ResponseFormatJSONObject = { type: 'json_object' };

/**
 * Intent and details of a customer's message: the built-in deterministic understanding, or,
 * when LLM_BASE_URL is set, an OpenAI-compatible model asked for a strict JSON extraction.
 * Any failure, timeout or invalid answer of the model falls back to the built-in one.
 *
 * The schema goes as `response_format: json_schema` (structured outputs); a server that
 * refuses that format (400) is asked with `json_object` from then on, the schema staying in
 * the prompt's description of the keys.
 */
@Injectable()
export class UnderstandingService {
  private readonly logger = new Logger(UnderstandingService.name);
  private readonly client: OpenAI | undefined;
  private format: ResponseFormatJSONSchema | ResponseFormatJSONObject = JSON_SCHEMA_FORMAT;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { baseUrl, apiKey, timeoutMs } = config.llm;
    if (baseUrl) {
      this.client = new OpenAI({ baseURL: baseUrl, apiKey: apiKey?.reveal() ?? 'not-needed', timeout: timeoutMs, maxRetries: 0 });
    }
  }

  /** True when a language model is asked (over the network); false: the built-in understanding alone. */
  get usesModel(): boolean {
    return this.client !== undefined;
  }

  async understand(text: string, context: UnderstandingContext): Promise<Understanding> {
    if (!this.client) return understand(text, context);
    try {
      const fromModel = await this.ask(this.client, text, context);
      if (fromModel) {
        // Naming an appointment is a matter of words: the built-in lexicon sets it should the model miss it.
        const mentionsAppointment = understand(text, context).mentionsAppointment;
        return mentionsAppointment ? { ...fromModel, mentionsAppointment } : fromModel;
      }
      this.logger.warn('Language model answer failed validation; using built-in understanding');
    } catch (error) {
      this.logger.warn(
        `Language model unavailable, using built-in understanding: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return understand(text, context);
  }

  private async ask(client: OpenAI, text: string, context: UnderstandingContext): Promise<Understanding | undefined> {
    // One deadline for the whole extraction, a retry in the other format included.
    const signal = AbortSignal.timeout(this.config.llm.timeoutMs);
    const today = DateTime.fromJSDate(context.now, { zone: context.timezone });
    const user = JSON.stringify({
      today: `${today.toISODate()} (${today.setLocale('en').toFormat('cccc')})`,
      nowLocalTime: today.toFormat('HH:mm'),
      timezone: context.timezone,
      services: context.services,
      staff: context.staff,
      offeredOptions: context.options ?? [],
      botAskedFor: context.awaiting ?? null,
      languageHint: context.languageHint ?? null,
      message: text.slice(0, 1000),
    });
    const request = (format: ResponseFormatJSONSchema | ResponseFormatJSONObject) =>
      client.chat.completions.create(
        {
          model: this.config.llm.model ?? 'gpt-4o-mini',
          temperature: 0,
          response_format: format,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: user },
          ],
        },
        { signal },
      );
    let completion: OpenAI.Chat.Completions.ChatCompletion;
    try {
      completion = await request(this.format);
    } catch (error) {
      if (
        this.format.type !== 'json_schema' ||
        !(error instanceof OpenAI.BadRequestError || error instanceof OpenAI.UnprocessableEntityError)
      )
        throw error;
      this.logger.warn(
        `The language model refused a JSON schema response format (${error.message}); asking for a JSON object from now on`,
      );
      this.format = JSON_OBJECT_FORMAT;
      completion = await request(this.format);
    }
    const content = completion.choices[0]?.message?.content;
    if (!content) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      return undefined;
    }
    const understood = toUnderstanding(parsed);
    return understood && refersToKnownIds(understood, context) ? understood : undefined;
  }
}

/** The model may only name services, staff and options that exist. */
function refersToKnownIds(u: Understanding, context: UnderstandingContext): boolean {
  if (u.serviceId && !context.services.some((s) => s.id === u.serviceId)) return false;
  if (u.moreServiceIds?.some((id) => !context.services.some((s) => s.id === id))) return false;
  if (u.staffId && !context.staff.some((s) => s.id === u.staffId)) return false;
  if (u.optionIndex !== undefined && (!context.options || u.optionIndex >= context.options.length)) return false;
  return true;
}

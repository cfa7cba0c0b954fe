import type { Awaiting, ChatOption, LocalDate, LocalTime } from '@frontdesk/contracts';

/**
 * What a customer's message asks for. The deterministic parser and any LLM
 * adapter both produce this, so the state machine never cares which one ran.
 *
 * - `change`: modifies details mid-flow with a change marker and no booking
 *   verb ("actually 4pm", "make it Saturday", "with Jordan instead").
 * - `inform`: carries details and nothing else ("tomorrow", "3pm", "Priya"
 *   when asked for a name, "my email is …"): usually the answer to what the
 *   bot asked. Kept apart from `change` so the machine can tell "here is what
 *   you asked for" from "replace what we had".
 * - `choose`: picks one of `context.options`; `optionIndex` is then always set.
 */
export const INTENTS = [
  'book',
  'reschedule',
  'cancel',
  'yes',
  'no',
  'choose',
  'change',
  'inform',
  'ask_services',
  'ask_prices',
  'ask_hours',
  'ask_appointment',
  'greeting',
  'thanks',
  'help',
  'human',
  'stop',
  'start',
  'unknown',
] as const;
export type Intent = (typeof INTENTS)[number];

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

export const TIME_BOUNDS = ['after', 'before'] as const;

export const RELATIVES = ['later', 'earlier'] as const;
/** "anything later?", "¿algo más temprano?": a time after the latest (or before the earliest) just offered or held. */
export type Relative = (typeof RELATIVES)[number];
/** `after`: "after 5", "a partir de las 5"; `before`: "before noon", "by 3", "antes de las 12". */
export type TimeBound = (typeof TIME_BOUNDS)[number];

export interface DateRange {
  from: LocalDate;
  to: LocalDate;
}

/** Flat and JSON-friendly: absent details are absent keys, never `null`. */
export interface Understanding {
  intent: Intent;
  /** Detected per message; `context.languageHint` (else `en`) when the message carries no signal. */
  language: Language;
  serviceId?: string;
  /**
   * The services named after `serviceId` when a message names several apart ("how much is a
   * haircut and a beard trim?"): each question about them is answered.
   */
  moreServiceIds?: string[];
  staffId?: string;
  /** "anyone", "no preference" (when asked for staff), "cualquiera". */
  anyStaff?: boolean;
  date?: LocalDate;
  /** Inclusive. "next week", "this weekend", "la próxima semana". */
  dateRange?: DateRange;
  time?: LocalTime;
  /** "around 3", "11ish", "sobre las 5". Only with `time`. */
  approximate?: boolean;
  /** `time` is a bound rather than a wish. Only with `time`. */
  timeBound?: TimeBound;
  /** Only when no exact `time` was given ("tomorrow afternoon", "por la tarde"). */
  timeOfDay?: TimeOfDay;
  /** "earliest", "first available", "asap", "lo antes posible". */
  earliest?: boolean;
  /** "same time". */
  sameTime?: boolean;
  /** "anything later?", "something earlier", "¿algo más tarde?": relative to the times just offered or held. */
  relative?: Relative;
  /**
   * The message names an appointment ("my appointment", "the booking", "mi cita", "la reserva",
   * "el turno"), so a "cancel" mid-booking is about an existing one rather than the request.
   */
  mentionsAppointment?: boolean;
  /**
   * The message asks to change the service of a booking ("change my haircut to a beard trim",
   * "cambiar mi corte por un arreglo de barba"): `serviceId` is then the new service, and
   * `fromServiceId` the one being replaced, when named.
   */
  changesService?: boolean;
  fromServiceId?: string;
  name?: string;
  email?: string;
  /** 0-based index into `context.options`. */
  optionIndex?: number;
}

export interface ServiceRef {
  id: string;
  name: string;
  aliases: readonly string[];
}

export interface StaffRef {
  id: string;
  name: string;
}

export interface UnderstandingContext {
  /** The instant the message arrived; relative dates resolve from it in `timezone`. */
  now: Date;
  /** IANA zone of the tenant. An unknown zone falls back to UTC. */
  timezone: string;
  /** ISO 3166 alpha-2; decides whether "12/3" is month/day (US) or day/month. */
  country: string;
  services: readonly ServiceRef[];
  staff: readonly StaffRef[];
  /** The choices the bot offered last (slots, services, bookings, yes/no). */
  options?: readonly ChatOption[] | null;
  awaiting?: Awaiting | null;
  languageHint?: Language | null;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isLocalTime(value: unknown): value is LocalTime {
  return typeof value === 'string' && LOCAL_TIME.test(value);
}

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

const isNonEmptyString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max;

const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

type Check = (value: unknown) => boolean;

const FIELD_CHECKS: Record<Exclude<keyof Understanding, 'intent' | 'language'>, Check> = {
  serviceId: (v) => isNonEmptyString(v, 200),
  moreServiceIds: (v) => Array.isArray(v) && v.length > 0 && v.length <= 5 && v.every((id) => isNonEmptyString(id, 200)),
  staffId: (v) => isNonEmptyString(v, 200),
  anyStaff: isBoolean,
  date: isLocalDate,
  dateRange: (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const r = v as Record<string, unknown>;
    const keys = Object.keys(r);
    return keys.length === 2 && isLocalDate(r.from) && isLocalDate(r.to) && r.from <= r.to;
  },
  time: isLocalTime,
  approximate: isBoolean,
  timeBound: (v) => isOneOf(TIME_BOUNDS, v),
  timeOfDay: (v) => isOneOf(TIMES_OF_DAY, v),
  earliest: isBoolean,
  sameTime: isBoolean,
  relative: (v) => isOneOf(RELATIVES, v),
  mentionsAppointment: isBoolean,
  changesService: isBoolean,
  fromServiceId: (v) => isNonEmptyString(v, 200),
  name: (v) => isNonEmptyString(v, 100),
  email: (v) => typeof v === 'string' && v.length <= 254 && EMAIL.test(v),
  optionIndex: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
};

/** The keys an `Understanding` may carry, in the order `understand` writes them. */
export const UNDERSTANDING_KEYS = ['intent', 'language', ...Object.keys(FIELD_CHECKS)] as readonly (keyof Understanding)[];

/**
 * Strict structural check, meant for output of an LLM adapter as much as for
 * ours: unknown keys, `null`s, malformed dates or times, `approximate` or
 * `timeBound` without `time`, or `choose` without `optionIndex` are all
 * rejected. Optional keys may also be present as `undefined`. (`understand`
 * itself writes flags only when true; `false` is accepted because the type
 * allows it.) For a model's raw JSON, `toUnderstanding` is more forgiving.
 */
export function isUnderstanding(value: unknown): value is Understanding {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (!isOneOf(INTENTS, record.intent) || !isOneOf(LANGUAGES, record.language)) return false;
  for (const key of Object.keys(record)) {
    if (key === 'intent' || key === 'language') continue;
    const check = (FIELD_CHECKS as Record<string, Check | undefined>)[key];
    if (!check) return false;
    const field = record[key];
    if (field !== undefined && !check(field)) return false;
  }
  if ((record.approximate === true || record.timeBound !== undefined) && record.time === undefined) return false;
  if (record.intent === 'choose' && record.optionIndex === undefined) return false;
  return true;
}

/**
 * JSON Schema (draft 2020-12) of `Understanding`, for structured-output LLM
 * calls. `isUnderstanding` is the authority: it also checks calendar validity
 * and the cross-field rules, which a schema cannot express simply.
 */
export const UNDERSTANDING_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Understanding',
  type: 'object',
  additionalProperties: false,
  required: ['intent', 'language'],
  properties: {
    intent: { type: 'string', enum: [...INTENTS] },
    language: { type: 'string', enum: [...LANGUAGES] },
    serviceId: { type: 'string', minLength: 1 },
    moreServiceIds: { type: 'array', items: { type: 'string' } },
    staffId: { type: 'string', minLength: 1 },
    anyStaff: { type: 'boolean' },
    date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    dateRange: {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'to'],
      properties: {
        from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      },
    },
    time: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
    approximate: { type: 'boolean' },
    timeBound: { type: 'string', enum: [...TIME_BOUNDS] },
    timeOfDay: { type: 'string', enum: [...TIMES_OF_DAY] },
    earliest: { type: 'boolean' },
    sameTime: { type: 'boolean' },
    relative: { type: 'string', enum: [...RELATIVES] },
    mentionsAppointment: { type: 'boolean' },
    changesService: { type: 'boolean' },
    fromServiceId: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    email: { type: 'string', maxLength: 254 },
    optionIndex: { type: 'integer', minimum: 0 },
  },
} as const;

/**
 * Reads an untrusted object (a language model's JSON) as an `Understanding`:
 * keys set to `null` or `false` are dropped, as are `approximate`/`timeBound`
 * without a `time`, then the strict check applies. Returns a fresh object with
 * only the known keys, or undefined when it is not one.
 */
export function toUnderstanding(value: unknown): Understanding | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (field === null || field === false || field === undefined) continue;
    copy[key] = field;
  }
  if (copy.time === undefined) {
    delete copy.approximate;
    delete copy.timeBound;
  }
  return isUnderstanding(copy) ? copy : undefined;
}

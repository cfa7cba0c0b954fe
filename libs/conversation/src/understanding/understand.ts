import { AWAITING } from '@frontdesk/contracts';
import type { Awaiting, ChatOption } from '@frontdesk/contracts';
import { findDates, localToday, nextDayOfMonth } from './dates';
import { comparableTokens, matchService, matchServices, matchStaff } from './entities';
import { classify, isPureYesOrNo } from './intent';
import type { Signals } from './intent';
import { ENGLISH_WORDS, FUNCTION_WORDS, KNOWN_WORDS, SPANISH_WORDS } from './lexicon';
import { findBareName, findIntroducedName, findNameAnswer, isNameEvidence } from './names';
import type { NameFinding } from './names';
import { chooseOption, EXPLICIT_NUMBER } from './options';
import { findServiceChange } from './service-change';
import type { OptionChoice } from './options';
import { analyse, cleanText } from './text';
import type { Analysis, Word } from './text';
import { findTimes, formatClock, toClock } from './times';
import type { ClockTime } from './times';
import { LANGUAGES } from './types';
import type { Language, ServiceRef, Understanding, UnderstandingContext } from './types';

/**
 * Reads one customer message: what they want (`intent`) and every detail they
 * gave, resolved against the tenant's catalogue, staff, time zone and the
 * options the bot offered last. Pure and total: it never throws, and returns
 * `{ intent: 'unknown' }` for anything it cannot read. Only the first 500
 * characters are read.
 *
 * How context settles the ambiguous cases (dates: see dates.ts; hours: times.ts):
 * - a bare number ("2", "#2", "2 please") picks option 2 when options are on
 *   the table, unless the bot asked for a time (then 14:00) or a date (then
 *   the 2nd); a number outside the list is read as an hour, and may still
 *   pick the option at that time ("10" among "9:00 AM, 10:00 AM, …");
 * - "the 3rd" / "el 3" is an option when the bot asked for a choice and there
 *   is a third option, else the 3rd of the month;
 * - when the bot asked for a name, a message that is only name-like words is
 *   the name ("Priya", "ana garcía" → "Ana García"); otherwise only an
 *   introduction counts ("this is …", "my name is …", "soy …", "me llamo …");
 *   a customer's name is never also read as a staff member;
 * - a pure yes or no ("yes please", "no thanks", 👍) is `yes` / `no` even when
 *   the options are labelled Yes/No, and carries no `optionIndex`;
 * - the carrier keywords STOP, STOPALL, UNSUBSCRIBE, END, QUIT (and BAJA) opt
 *   out only as the whole message, as do clear sentences like "stop texting
 *   me"; CANCEL is always about an appointment here (over SMS, where the carrier
 *   reads it as an opt-out, the engine does too: machine/reminder-reply.ts).
 * Intent precedence is the order of the rules in `classify` (intent.ts).
 */
export function understand(text: string, context: UnderstandingContext): Understanding {
  try {
    return understandUnguarded(text, context);
  } catch {
    return { intent: 'unknown', language: languageHint(context) };
  }
}

function languageHint(context: UnderstandingContext | undefined): Language {
  const hint = context?.languageHint;
  return hint && (LANGUAGES as readonly string[]).includes(hint) ? hint : 'en';
}

/** Spanish and English words counted, with accents and ñ/¿/¡ as Spanish evidence; a tie or no signal falls back to the hint. */
export function detectLanguage(words: readonly Word[], raw: string, hint: Language): Language {
  let es = 0;
  let en = 0;
  for (const word of words.slice(0, 120)) {
    if (SPANISH_WORDS.has(word.f)) es++;
    if (ENGLISH_WORDS.has(word.f)) en++;
  }
  if (/[ñ¿¡]/iu.test(raw)) es += 2;
  else if (/[áéíóú]/iu.test(raw)) es += 1;
  if (es > en) return 'es';
  if (en > es) return 'en';
  return hint;
}

/** Words that decorate a bare number ("2 please", "#2", "3 works"), a choice or a name. */
// prettier-ignore
const NUMBER_FILLERS = new Set([
  'please', 'por', 'favor', 'porfa', 'thanks', 'gracias', 'the', 'one', 'is', 'fine', 'works', 'work', 'ok', 'good', 'that',
  'thats', 'i', 'ill', 'take', 'want', 'go', 'with', 'lets', 'do', 'maybe', 'la', 'el', 'numero', 'opcion', 'option',
  'number', 'esta', 'bien', 'me', 'va', 'quiero', 'vale', 'perfecto', 'sure', 'yes', 'yeah', 'si', 'then', 'it', 'would',
  'like', 'id', 'prefer', 'prefiero', 'sounds', 'great', 'perfect', 'for', 'sirve', 'choose', 'pick', 'elijo', 'mejor',
  'de', 'a', 'an', 'of', 'them', 'those', 'these', 'esas', 'esos', 'opciones', 'options', 'choice', 'slot', 'no', 'nr',
]);

const STAFF_ANY_ALWAYS =
  /\b(?:anyone|anybody|whoever|any barber|any stylist|any staff|any of the barbers|quien sea|cualquier (?:barbero|barbera|estilista|peluquer[oa]|persona|profesional))\b/;
const STAFF_ANY_WHEN_ASKED =
  /\b(?:no preference|doesnt matter|does not matter|dont care|dont mind|either|either one|either is fine|any|cualquiera|cualquier|me da igual|da igual|sin preferencia|no importa|el que sea|la que sea|lo que sea|any of them)\b/;
const EARLIEST =
  /\b(?:earliest|first available|next available|soonest|asap|a s a p|as soon as possible|first thing|first opening|first slot|earliest available|lo antes posible|lo mas pronto posible|lo mas pronto|cuanto antes|primera hora|lo primero que|el primer hueco|right now|ahora mismo|ya mismo)\b/;

/** "anything later?", "do you have something earlier", "¿algo más tarde?", "¿tienes algo antes?", or the word alone. */
const RELATIVE =
  /(?:\b(?:anything|something|any|a bit|a little|algo|alguna?|otra?|un poco)\b[^.?!]*?\b|^)(later|earlier|mas tarde|mas temprano|antes)\b/;

/** Nouns for an appointment, after the lexicon has normalised spellings ("appt", "apointment"). */
const APPOINTMENT_WORD = /\b(?:appointments?|bookings?|reservations?|citas?|reservas?|turnos?)\b/;

const ANY_DAY =
  /\b(?:whenever|any ?day|any ?time|anytime|any date|im flexible|i am flexible|flexible|whatever works|whatever is available|when(?:ever)? you (?:have|can)|cuando sea|cuando puedan|cuando puedas|cualquier dia|cualquier hora|cualquier momento|me da igual el dia|soy flexible|lo que tengas|lo que tengan)\b/;

function bareNumberOf(clean: string): number | undefined {
  const tokens = clean
    .replace(/[#!.,?;:~]/g, ' ')
    .split(' ')
    .filter((t) => t && !NUMBER_FILLERS.has(t));
  return tokens.length === 1 && /^\d{1,2}$/.test(tokens[0]) ? Number(tokens[0]) : undefined;
}

/** The cleaned message without the words of `range` (a customer's name): "i'm sam friday" says no day. */
function withoutWords(a: Analysis, range: { start: number; end: number }): string {
  return cleanText(`${a.raw.slice(0, a.words[range.start].start)} ${a.raw.slice(a.words[range.end - 1].end)}`);
}

/** A word of the answer that only a name explains, and that is no typo of a service ("hiarcut"). */
function hasNameEvidence(words: readonly Word[], services: readonly ServiceRef[]): boolean {
  return words.some((w) => isNameEvidence(w) && matchService([w.f], services) === undefined);
}

/** What a name's words may also ask, answering "what name?" ("jesus price", "sam hours"). */
const NAME_LIKE_QUESTIONS: ReadonlySet<string> = new Set(['ask_prices', 'ask_hours', 'ask_services']);

function contentTokensOf(words: readonly Word[], name?: NameFinding): string[] {
  return words
    .slice(0, 30)
    .filter((w, i) => !(name && i >= name.start && i < name.end))
    .map((w) => w.f)
    .filter((f) => !FUNCTION_WORDS.has(f) && !NUMBER_FILLERS.has(f) && !/^\d+$/.test(f));
}

/**
 * `understand` without its safety net, for tests that prove the net is never
 * needed. Not exported from the package.
 */
export function understandUnguarded(input: string, context: UnderstandingContext): Understanding {
  const text = typeof input === 'string' ? input : '';
  const hint = languageHint(context);
  const awaiting: Awaiting | null = (AWAITING as readonly string[]).includes(context?.awaiting ?? '')
    ? (context.awaiting as Awaiting)
    : null;
  const options: readonly ChatOption[] = Array.isArray(context?.options) ? context.options : [];
  const services = Array.isArray(context?.services) ? context.services : [];
  const staff = Array.isArray(context?.staff) ? context.staff : [];
  const country = typeof context?.country === 'string' ? context.country : '';
  const today = localToday(context?.now, context?.timezone);

  const a = analyse(text);
  const clean = a.clean;
  const idle = awaiting === null && options.length === 0;
  const signals = (details: Partial<Signals>): Signals => ({
    clean,
    bare: (details.clean ?? clean)
      .replace(/[^\p{L}\s]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    accentedSi: /(?:^|[^\p{L}])sí(?:[^\p{L}]|$)/iu.test(a.raw),
    awaiting,
    idle,
    hasDetails: false,
    hasBookingDetails: false,
    hasDateOrTime: false,
    nameAfterCallMe: false,
    ...details,
  });

  // Who the customer says they are comes first: their name is then kept out of dates, times, staff and
  // service matching. Asked for a name, an answer with a word only a name explains is the name, even
  // when its other words are also a day or a service ("sam friday", "soy ana mañana", "paz corte").
  // The answer's own words, without "i'm" or "thanks" around them, must say nothing but a name; with
  // a word only a name explains, one that is also a question's word is a surname ("jesus price").
  const answersName = (answer: NameFinding | undefined, evidence: boolean): answer is NameFinding => {
    if (!answer) return false;
    const own = cleanText(a.raw.slice(a.words[answer.start].start, a.words[answer.end - 1].end));
    const probe = signals({ clean: own });
    const intent = classify(probe);
    const asIfNames = intent === 'unknown' || (evidence && NAME_LIKE_QUESTIONS.has(intent));
    return asIfNames && !isPureYesOrNo(probe) && !EARLIEST.test(own);
  };
  const nameAnswer = awaiting === 'name' ? findNameAnswer(a.raw, a.words) : undefined;
  const evidence = nameAnswer !== undefined && hasNameEvidence(a.words.slice(nameAnswer.start, nameAnswer.end), services);
  let name = evidence && answersName(nameAnswer, true) ? nameAnswer : findIntroducedName(a.raw, a.words);
  const nameAfterCallMe =
    name !== undefined && name.start >= 2 && a.words[name.start - 2]?.f === 'call' && a.words[name.start - 1]?.f === 'me';

  let detailsClean = name ? withoutWords(a, name) : clean;
  const dates = findDates(detailsClean, today, country);
  const times = findTimes(detailsClean, dates.dayPart);
  const serviceTokens = comparableTokens(a.words, name);
  const serviceChange = findServiceChange(serviceTokens, services);
  // Two services in one message are the old and the new one when it asks for a change.
  const serviceId = serviceChange?.to ?? matchService(serviceTokens, services);
  const commas = new Set(
    a.words.flatMap((w, i) => (i + 1 < a.words.length && a.raw.slice(w.end, a.words[i + 1].start).includes(',') ? [i] : [])),
  );
  const moreServiceIds = serviceChange
    ? []
    : matchServices(serviceTokens, services, serviceId, commas).filter((id) => id !== serviceId);

  let date = dates.date;
  let dateRange = dates.dateRange;
  let time: ClockTime | undefined = times.time;
  const bareNumber = time === undefined && !date ? bareNumberOf(detailsClean) : undefined;

  // Asked for a name, a message that is only words and says nothing else is the name ("Priya", "ana garcía",
  // "i'm will may"), also past where an introduction's name stopped ("name is june march").
  const cutShort = name !== undefined && nameAnswer !== undefined && name.start === nameAnswer.start && name.end < nameAnswer.end;
  if (
    (!name || cutShort) &&
    awaiting === 'name' &&
    !date &&
    !dateRange &&
    !time &&
    !serviceId &&
    answersName(nameAnswer, false)
  ) {
    name = nameAnswer;
    detailsClean = withoutWords(a, name);
  }
  // …or a name first, then something else: "Priya Patel, and my email is …", "Dan, thanks".
  if (!name && awaiting === 'name') {
    const cut = a.raw.search(/[,;]/);
    const lead = cut > 0 ? a.words.filter((w) => w.end <= cut) : [];
    const leadName = lead.length > 0 ? findBareName(a.raw.slice(0, cut), lead) : undefined;
    if (leadName && lead.every((w) => !KNOWN_WORDS.has(w.f) && !SPANISH_WORDS.has(w.f) && !ENGLISH_WORDS.has(w.f)))
      name = leadName;
  }
  const staffId = matchStaff(comparableTokens(a.words, name), staff, awaiting === 'staff');

  const contentTokens = contentTokensOf(a.words, name);
  const pick = (): OptionChoice | undefined =>
    chooseOption(
      {
        clean,
        contentTokens,
        time,
        date,
        timeOfDay: time ? undefined : times.dayPart,
        serviceId,
        staffId,
        bareNumber,
        ordinalDay: dates.ordinal?.day,
      },
      options,
      awaiting,
      today,
      country,
    );
  let choice = pick();
  // A number that picked an option is not also a day or an hour.
  if (choice?.fromOrdinal && dates.ordinal) date = undefined;
  // "option 2", "#2" name a position in a list, never an hour or a day.
  const explicitPosition = EXPLICIT_NUMBER.test(clean);
  if (bareNumber !== undefined && !choice && !explicitPosition) {
    if (awaiting === 'date') {
      const day = today ? nextDayOfMonth(today, bareNumber) : null;
      if (day) date = day.toISODate() ?? undefined;
    } else if (bareNumber >= 1 && bareNumber <= 23) {
      time = toClock(bareNumber, 0, undefined, times.dayPart, false) ?? undefined;
      // "10" among four offered times is no list position, but may still be the "10:00 AM" one.
      if (time) choice = pick();
    }
  }

  const anyStaff = !staffId && (STAFF_ANY_ALWAYS.test(clean) || (awaiting === 'staff' && STAFF_ANY_WHEN_ASKED.test(clean)));
  const earliest = EARLIEST.test(clean) || dates.now === true;
  // "whenever", "any day", "I'm flexible": the coming week, to see the next openings.
  const dayQuestion = awaiting === null || awaiting === 'date' || awaiting === 'service';
  if (dayQuestion && !date && !dateRange && !earliest && !time && today && ANY_DAY.test(clean)) {
    dateRange = { from: today.toISODate()!, to: today.plus({ days: 6 }).toISODate()! };
  }
  const timeOfDay = time ? undefined : times.dayPart;
  const hasDateOrTime = Boolean(date || dateRange || time || timeOfDay || earliest);
  const hasBookingDetails = Boolean(hasDateOrTime || serviceId || staffId || anyStaff || times.sameTime);

  const intent = classify(
    signals({
      // A name is no request: "i'm jesus price" asks no price.
      clean: detailsClean,
      hasDetails: Boolean(hasBookingDetails || name || a.email),
      hasBookingDetails,
      hasDateOrTime,
      serviceId,
      staffId,
      optionIndex: choice?.index,
      nameAfterCallMe,
    }),
  );

  // A customer's name says nothing about their language ("Al", "Luis"): it is left out.
  const nameRange = name;
  const languageWords = nameRange ? a.words.filter((_, i) => i < nameRange.start || i >= nameRange.end) : a.words;
  const languageRaw = nameRange ? languageWords.map((w) => w.raw).join(' ') : a.raw;
  const language = detectLanguage(languageWords, languageRaw, hint);
  const result: Understanding = { intent, language };
  if (serviceId !== undefined) result.serviceId = serviceId;
  if (moreServiceIds.length > 0) result.moreServiceIds = moreServiceIds;
  if (staffId !== undefined) result.staffId = staffId;
  if (anyStaff) result.anyStaff = true;
  if (date !== undefined) result.date = date;
  if (dateRange !== undefined && date === undefined) result.dateRange = dateRange;
  if (time !== undefined) {
    result.time = formatClock(time);
    if (times.approximate) result.approximate = true;
    if (times.bound) result.timeBound = times.bound;
  }
  if (timeOfDay !== undefined) result.timeOfDay = timeOfDay;
  if (earliest) result.earliest = true;
  if (times.sameTime) result.sameTime = true;
  const relative = time === undefined && !date && choice === undefined ? RELATIVE.exec(clean) : null;
  if (relative) result.relative = /^(later|mas tarde)$/.test(relative[1]) ? 'later' : 'earlier';
  if (APPOINTMENT_WORD.test(clean)) result.mentionsAppointment = true;
  if (serviceChange) {
    result.changesService = true;
    if (serviceChange.from) result.fromServiceId = serviceChange.from;
  }
  if (name !== undefined) result.name = name.name;
  if (a.email !== undefined) result.email = a.email;
  if (choice !== undefined) result.optionIndex = choice.index;
  return result;
}

import { editDistance, typoAllowance } from './fuzzy';
import { FUNCTION_WORDS, KNOWN_WORDS } from './lexicon';
import { foldedTokens } from './text';
import type { Word } from './text';
import type { ServiceRef, StaffRef } from './types';

/** Only this many words of a message are compared with the catalogue. */
const MAX_WORDS = 80;
const MAX_WINDOW = 4;

/** Words too generic to pick a service on their own when only part of its name is typed. */
// prettier-ignore
const GENERIC = new Set([
  ...FUNCTION_WORDS,
  'hair', 'pelo', 'cabello', 'service', 'servicio', 'treatment', 'tratamiento', 'session', 'sesion', 'full', 'basic',
  'classic', 'premium', 'deluxe', 'express', 'quick', 'style', 'short', 'long', 'new', 'regular', 'standard', 'cut', 'corte', 'minute', 'minutes',
  'min', 'hour', 'and', 'with', 'plus',
]);

const singular = (word: string): string => (word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word);

interface Phrase {
  tokens: string[];
  joined: string;
}

function phrasesOf(texts: readonly string[]): Phrase[] {
  const phrases: Phrase[] = [];
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    const tokens = foldedTokens(text).slice(0, MAX_WINDOW);
    if (tokens.length > 0) phrases.push({ tokens, joined: tokens.join('') });
  }
  return phrases;
}

interface Score {
  score: number;
  /** Index of the first message word of the best match: on equal scores the service named first wins. */
  at: number;
}

const NONE: Score = { score: 0, at: Infinity };
const better = (a: Score, b: Score): Score => (b.score > a.score || (b.score === a.score && b.at < a.at) ? b : a);
/** A typo keeps the first letter (or swaps the first two) and leaves at least five letters: "have" is not "shave". */
const typoCandidate = (window: string, target: string): boolean =>
  window.length >= 5 && (window[0] === target[0] || (window[0] === target[1] && window[1] === target[0]));

/**
 * How well `phrase` appears in the message words: the whole phrase, allowing
 * words run together or split ("hair cut" / "haircut"), a plural, and typos
 * in proportion to its length ("haircutt", "hiarcut"); 0 when absent.
 */
function phraseScore(phrase: Phrase, tokens: readonly string[]): Score {
  const n = phrase.tokens.length;
  const allowance = typoAllowance(phrase.joined.length);
  let best = NONE;
  for (let size = Math.max(1, n - 1); size <= Math.min(MAX_WINDOW, n + 1); size++) {
    for (let start = 0; start + size <= tokens.length; start++) {
      let length = 0;
      let blocked = false;
      for (let k = start; k < start + size; k++) {
        if (tokens[k] === '') blocked = true;
        length += tokens[k].length;
      }
      if (blocked || Math.abs(length - phrase.joined.length) > allowance + 1) continue;
      const head = tokens[start];
      const second = head.length > 1 ? head[1] : (tokens[start + 1]?.[0] ?? '');
      if (head[0] !== phrase.joined[0] && !(head[0] === phrase.joined[1] && second === phrase.joined[0])) continue;
      const window = tokens.slice(start, start + size).join('');
      if (window === phrase.joined || singular(window) === phrase.joined) {
        best = better(best, { score: 1000 + phrase.joined.length * 10 - (size === n ? 0 : 1), at: start });
      } else if (allowance > 0 && typoCandidate(window, phrase.joined)) {
        const distance = Math.min(
          editDistance(window, phrase.joined, allowance),
          editDistance(singular(window), phrase.joined, allowance),
        );
        if (distance <= allowance) best = better(best, { score: 800 + phrase.joined.length * 10 - distance * 50, at: start });
      }
    }
  }
  return best;
}

/** A distinctive word of a longer name typed alone ("beard" for "Beard trim"). */
function partialScore(phrase: Phrase, tokens: readonly string[]): Score {
  if (phrase.tokens.length < 2) return NONE;
  let best = NONE;
  for (const part of phrase.tokens) {
    if (part.length < 4 || GENERIC.has(part)) continue;
    const at = tokens.findIndex((t) => t === part || singular(t) === part);
    if (at >= 0) best = better(best, { score: 400 + part.length * 10, at });
  }
  return best;
}

/** The id with the best score (the earlier mention on equal scores), or undefined when none scored or two tie exactly. */
function unique(scores: Map<string, Score>): string | undefined {
  let bestId: string | undefined;
  let best = NONE;
  let tie = false;
  for (const [id, score] of scores) {
    if (score.score <= 0) continue;
    if (better(best, score) === score && (score.score !== best.score || score.at !== best.at)) {
      best = score;
      bestId = id;
      tie = false;
    } else if (score.score === best.score && score.at === best.at) {
      tie = true;
    }
  }
  return tie ? undefined : bestId;
}

/**
 * Verb forms customers use for the usual services, read as the noun a
 * catalogue alias would use ("cortarme el pelo" → "corte", "get shaved" →
 * "shave"). They only help when the tenant's names or aliases carry the noun.
 */
// prettier-ignore
const SERVICE_WORD_FORMS: Readonly<Record<string, string>> = {
  cortar: 'corte', cortarme: 'corte', cortarse: 'corte', cortame: 'corte', cortarle: 'corte', recortar: 'corte',
  afeitar: 'afeitado', afeitarme: 'afeitado', afeitarse: 'afeitado', afeitada: 'afeitado',
  tenir: 'tinte', tenirme: 'tinte', tenirse: 'tinte', tenido: 'tinte',
  shaved: 'shave', shaving: 'shave', trimmed: 'trim', trimming: 'trim', cutting: 'cut', haircutting: 'haircut',
  colored: 'color', coloured: 'colour', coloring: 'color', colouring: 'colour', dyed: 'dye', dyeing: 'dye',
};

/** Message words as compared with names: folded, with excluded words (a customer's own name) blanked. */
export function comparableTokens(words: readonly Word[], exclude?: { start: number; end: number }): string[] {
  const folded = words.slice(0, MAX_WORDS).map((w) => w.f);
  return folded.map((f, i) => {
    if (exclude && i >= exclude.start && i < exclude.end) return '';
    const noun = SERVICE_WORD_FORMS[f];
    // The verb's object names the service when it is one: "cortarme la barba" is a beard trim, not a haircut.
    if (noun === undefined || folded.slice(i + 1, i + 4).some((next) => OBJECT_SERVICES.has(next))) return f;
    return noun;
  });
}

/** Objects of a cutting or shaving verb that are services of their own. */
const OBJECT_SERVICES = new Set(['barba', 'beard', 'bigote', 'moustache', 'mustache', 'cejas', 'eyebrows', 'brows']);

/** Words that join the parts of a combined service: "haircut and beard" is "Haircut & Beard". */
const CONNECTORS = new Set(['and', 'n', 'plus', 'with', 'y', 'e', 'con', 'mas']);

/** Left out too right after a connector: "a haircut and a beard trim". */
const ARTICLES = new Set(['a', 'an', 'the', 'un', 'una', 'el', 'la']);

/** The phrase without its connectors, when that leaves two words or more ("cut and beard" → "cut beard"). */
function withoutConnectors(phrase: Phrase): Phrase | undefined {
  const tokens = phrase.tokens.filter((t) => !CONNECTORS.has(t));
  if (tokens.length === phrase.tokens.length || tokens.length < 2) return undefined;
  return { tokens, joined: tokens.join('') };
}

export function matchService(tokens: readonly string[], services: readonly ServiceRef[]): string | undefined {
  // The message is also read with its connectors left out, so "haircut and beard" meets "Haircut & Beard".
  const kept = tokens.flatMap((t, i) =>
    CONNECTORS.has(t) || (ARTICLES.has(t) && CONNECTORS.has(tokens[i - 1] ?? '')) ? [] : [i],
  );
  const joinedTokens = kept.length < tokens.length ? kept.map((i) => tokens[i]) : undefined;
  const scores = new Map<string, Score>();
  for (const service of services) {
    if (!service || typeof service.id !== 'string' || !service.id) continue;
    const phrases = phrasesOf([service.name, ...(Array.isArray(service.aliases) ? (service.aliases as readonly string[]) : [])]);
    let score = scores.get(service.id) ?? NONE;
    for (const phrase of phrases) {
      score = better(better(score, phraseScore(phrase, tokens)), partialScore(phrase, tokens));
      if (!joinedTokens) continue;
      const compact = withoutConnectors(phrase) ?? phrase;
      // Only a phrase of several words gains from joining words across a connector.
      if (compact.tokens.length < 2) continue;
      const joined = phraseScore(compact, joinedTokens);
      if (joined.score > 0) score = better(score, { score: joined.score, at: kept[joined.at] });
    }
    if (score.score > 0) scores.set(service.id, score);
  }
  return unique(scores);
}

/**
 * Every service a message names when it names several apart ("how much is a haircut and a beard
 * trim?"), in the order named; a combined service named whole ("haircut and beard" for "Haircut &
 * Beard") is one. Empty unless at least two distinct services are named.
 */
export function matchServices(
  tokens: readonly string[],
  services: readonly ServiceRef[],
  whole: string | undefined,
  /** Token indices a comma follows ("shave, color and kids cut"). */
  commas: ReadonlySet<number>,
): string[] {
  if (whole === undefined || (commas.size === 0 && !tokens.some((t) => CONNECTORS.has(t)))) return [];
  const found: string[] = [];
  let from = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const connector = i < tokens.length && CONNECTORS.has(tokens[i]);
    if (i < tokens.length && !connector && !commas.has(i)) continue;
    // A connector is left out of both parts; a word a comma follows ends its part.
    const end = connector || i === tokens.length ? i : i + 1;
    const id = end > from ? matchService(tokens.slice(from, end), services) : undefined;
    if (id !== undefined && !found.includes(id)) found.push(id);
    from = end === i ? i + 1 : end;
  }
  return found.length >= 2 && found.includes(whole) ? found : [];
}

const STAFF_CUES = new Set([
  'with',
  'w',
  'con',
  'by',
  'ask',
  'prefer',
  'prefiero',
  'want',
  'quiero',
  'see',
  'ver',
  'is',
  'esta',
  'and',
]);

/**
 * Staff by full name ("Jordan Lee", typos allowed) or first name ("Jordan").
 * A first name that is also an everyday word ("Will", "May", "Sunny") counts
 * only after "with"/"con"/"by" or when the bot asked which staff member; a
 * misspelt first name likewise.
 */
export function matchStaff(tokens: readonly string[], staff: readonly StaffRef[], askedForStaff: boolean): string | undefined {
  const scores = new Map<string, Score>();
  for (const member of staff) {
    if (!member || typeof member.id !== 'string' || !member.id) continue;
    const [full] = phrasesOf([member.name]);
    if (!full) continue;
    let score = full.tokens.length > 1 ? phraseScore(full, tokens) : NONE;
    const first = full.tokens[0];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (!token) continue;
      const cued = askedForStaff || STAFF_CUES.has(tokens[i - 1] ?? '') || tokens.length === 1;
      if (token === first || singular(token) === first) {
        if (cued || (!KNOWN_WORDS.has(first) && first.length >= 2)) score = better(score, { score: 700, at: i });
      } else if (cued && first.length >= 5 && editDistance(token, first, 1) <= 1) {
        score = better(score, { score: 500, at: i });
      }
    }
    const previous = scores.get(member.id) ?? NONE;
    if (score.score > 0) scores.set(member.id, better(previous, score));
  }
  return unique(scores);
}

import { REMINDER_OPTION_IDS } from '@frontdesk/contracts';
import { closest } from './fuzzy';
import { fold, squeezeRuns } from './text';

/** What a reply to a reminder asks for. */
export type ReminderAnswer = 'confirm' | 'reschedule' | 'cancel';

/**
 * The one-word answers a reminder asks for (`C` / `R` / `X`) and their plain-word equivalents in
 * English and Spanish. A letter means something only as the answer to a reminder, so these are
 * read here rather than by the general grammar.
 */
// prettier-ignore
const ANSWERS: Readonly<Record<ReminderAnswer, readonly string[]>> = {
  confirm: ['c', 'y', 'yes', 'yep', 'yeah', 'ok', 'okay', 'k', 'si', 'confirm', 'confirmed', 'confirmo', 'confirmado',
    'confirmada', 'confirmar', 'confirmamos'],
  reschedule: ['r', 'reschedule', 'rebook', 'change', 'move', 'cambiar', 'cambio', 'reprogramar', 'reagendar', 'mover'],
  cancel: ['x', 'cancel', 'cancelar', 'cancelo', 'cancela', 'anular', 'anulo'],
};

/** Words around the answer that change nothing ("C please", "sí, gracias", "ok thanks"). */
// prettier-ignore
const COURTESY = new Set(['please', 'pls', 'plz', 'thanks', 'thank', 'you', 'thx', 'ty', 'por', 'favor', 'porfa', 'gracias',
  'i', 'will', 'it', 'lo', 'la']);

/**
 * The answer a message gives to a reminder when it is one of the reminder's answers, alone or
 * with courtesies, typos tolerated modestly ("confrim", "cancle"); undefined for anything else
 * (which the conversation then reads as usual).
 */
export function reminderAnswer(text: string): ReminderAnswer | undefined {
  const words = squeezeRuns(fold(typeof text === 'string' ? text.slice(0, 100) : ''))
    .replace(/[^\p{L}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !COURTESY.has(w));
  if (words.length !== 1) return undefined;
  const word = words[0];
  const exact = (Object.keys(ANSWERS) as ReminderAnswer[]).filter((a) => ANSWERS[a].includes(word));
  if (exact.length === 1) return exact[0];
  const near = (Object.keys(ANSWERS) as ReminderAnswer[]).filter((a) => ANSWERS[a].some((w) => closest(word, [w]) === 0));
  return near.length === 1 ? near[0] : undefined;
}

/** The answer a tapped reminder button gives, from its option id. */
export function reminderButton(optionId: string | undefined): ReminderAnswer | undefined {
  if (optionId === undefined) return undefined;
  return (Object.keys(REMINDER_OPTION_IDS) as ReminderAnswer[]).find((a) => REMINDER_OPTION_IDS[a] === optionId);
}

/**
 * Twilio's default opt-out keywords: sent over SMS as the whole message, any of them blocks every
 * further text from the business's number until the customer sends START. CANCEL is one of them.
 */
const SMS_OPT_OUT = /^(?:stop|stopall|stop all|unsubscribe|cancel|end|quit|revoke|optout|opt out)$/;

/** The message is one of the carrier's opt-out keywords alone (case, spaces and punctuation aside). */
export function isSmsOptOutKeyword(text: string): boolean {
  const bare = fold(typeof text === 'string' ? text.slice(0, 100) : '')
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return SMS_OPT_OUT.test(bare);
}

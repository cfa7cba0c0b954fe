import { matchService } from './entities';
import type { ServiceRef } from './types';

/**
 * "change my haircut to a beard trim", "¿puedo cambiar mi corte por un arreglo de barba?", "a
 * beard trim instead of the haircut", "en vez del corte, barba": a request to change the service
 * of a booking. `to` is the new service; `from`, the one named as being replaced, when named.
 */
export interface ServiceChange {
  from?: string;
  to: string;
}

/** Verbs of changing one thing for another. */
const CHANGE_VERBS = new Set([
  'change', 'changing', 'switch', 'switching', 'swap', 'swapping', 'replace', 'turn', 'exchange', 'upgrade',
  'cambiar', 'cambia', 'cambias', 'cambiarias', 'cambiaria', 'cambien', 'cambio', 'cambie', 'cambiame', 'cambiarme',
  'cambiarlo', 'cambiarla', 'cambialo', 'cambiala',
  'sustituir', 'sustituye', 'reemplazar', 'reemplaza', 'pasar', 'pasa', 'pasame', 'pasarlo', 'pasarla',
]); // prettier-ignore

/** What joins the old service to the new one after a change verb ("to", "for", "por", "a"). */
const INTO = new Set(['to', 'into', 'for', 'with', 'por', 'a', 'al', 'en', 'con']);

/** "instead of", "rather than", "en vez de", "en lugar de": the new service comes before, the old one after. */
const INSTEAD_OF: readonly (readonly string[])[] = [
  ['instead', 'of'],
  ['rather', 'than'],
  ['en', 'vez', 'de'],
  ['en', 'vez', 'del'],
  ['en', 'lugar', 'de'],
  ['en', 'lugar', 'del'],
];

/**
 * The service change the message asks for, from its comparable tokens (see `comparableTokens`);
 * undefined when it names no new service after a change verb or around "instead of", or when the
 * new service is the one being replaced.
 */
export function findServiceChange(tokens: readonly string[], services: readonly ServiceRef[]): ServiceChange | undefined {
  const found = afterChangeVerb(tokens, services) ?? aroundInsteadOf(tokens, services);
  return found && found.to !== found.from ? found : undefined;
}

function afterChangeVerb(tokens: readonly string[], services: readonly ServiceRef[]): ServiceChange | undefined {
  const verb = tokens.findIndex((t) => CHANGE_VERBS.has(t));
  if (verb < 0) return undefined;
  // The first joining word followed by a service: "change my cut for tomorrow to a beard trim".
  for (let i = verb + 1; i < tokens.length; i++) {
    if (!INTO.has(tokens[i])) continue;
    const to = matchService(tokens.slice(i + 1), services);
    if (!to) continue;
    const from = matchService(tokens.slice(verb + 1, i), services);
    return from ? { from, to } : { to };
  }
  return undefined;
}

function aroundInsteadOf(tokens: readonly string[], services: readonly ServiceRef[]): ServiceChange | undefined {
  for (const marker of INSTEAD_OF) {
    const at = tokens.findIndex((_, i) => marker.every((word, k) => tokens[i + k] === word));
    if (at < 0) continue;
    const after = tokens.slice(at + marker.length);
    // The old service is the first one named after the marker; the new one comes before it
    // ("a beard trim instead of my haircut") or after it ("en vez del corte, quiero barba").
    for (let end = 1; end <= after.length; end++) {
      const from = matchService(after.slice(0, end), services);
      if (!from) continue;
      const to = matchService(tokens.slice(0, at), services) ?? firstOtherService(after.slice(end), from, services);
      return to ? { from, to } : undefined;
    }
  }
  return undefined;
}

/** The service named by the tokens from the earliest cut that names one other than `other` ("de barba, quiero corte"). */
function firstOtherService(tokens: readonly string[], other: string, services: readonly ServiceRef[]): string | undefined {
  for (let start = 0; start < tokens.length; start++) {
    const id = matchService(tokens.slice(start), services);
    if (id && id !== other) return id;
  }
  return undefined;
}

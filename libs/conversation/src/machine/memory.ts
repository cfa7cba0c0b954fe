import { initialMemory, type Language, type Memory } from './types';

/**
 * The memory to step from: the stored one, or a fresh one for a new conversation (stored as `{}`)
 * or for one left mid-flow longer than `idleMinutes` (a hold left from before expires on its
 * own; the engine starts over in the language it last spoke). An idle conversation keeps its
 * memory however long it sat. `lastActivityAt` is when the conversation was last saved; null (never
 * saved) measures no idle time.
 */
export function resumeMemory(
  stored: Partial<Memory>,
  fallbackLanguage: Language,
  lastActivityAt: Date | null,
  now: Date,
  idleMinutes: number,
): Memory {
  if (!stored.state) return initialMemory(fallbackLanguage);
  const idleMs = lastActivityAt ? now.getTime() - lastActivityAt.getTime() : 0;
  if (stored.state !== 'IDLE' && idleMs > idleMinutes * 60_000) return initialMemory(stored.language ?? fallbackLanguage);
  return stored as Memory;
}

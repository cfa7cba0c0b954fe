import { resumeMemory } from './memory';
import { initialMemory, type Memory } from './types';

const NOW = new Date('2026-11-23T15:00:00Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const IDLE_MINUTES = 30;

const collecting: Memory = {
  ...initialMemory('es'),
  state: 'COLLECTING',
  awaiting: 'date',
  draft: { serviceId: 'svc-haircut' },
  attempts: 1,
};
const idleWithBooking: Memory = { ...initialMemory('es'), bookingId: 'b1' };

describe('resumeMemory', () => {
  it.each<[string, Partial<Memory>, Date | null, Memory]>([
    ['a new conversation ({}), never saved', {}, null, initialMemory('en')],
    ['a new conversation ({}) with a saved row', {}, minutesAgo(5), initialMemory('en')],
    ['a memory without a state', { language: 'es' }, minutesAgo(5), initialMemory('en')],
    ['mid-flow, recently active', collecting, minutesAgo(5), collecting],
    ['mid-flow, exactly at the limit', collecting, minutesAgo(IDLE_MINUTES), collecting],
    ['mid-flow, past the limit: starts over in its own language', collecting, minutesAgo(IDLE_MINUTES + 1), initialMemory('es')],
    ['mid-flow, a millisecond past the limit', collecting, new Date(minutesAgo(IDLE_MINUTES).getTime() - 1), initialMemory('es')],
    [
      'mid-flow without a language, past the limit: the fallback language',
      { ...collecting, language: undefined },
      minutesAgo(90),
      initialMemory('en'),
    ],
    ['idle, however long ago: kept (the booking it was about too)', idleWithBooking, minutesAgo(60 * 24 * 30), idleWithBooking],
    ['mid-flow, never saved: no idle time to measure', collecting, null, collecting],
  ])('%s', (_case, stored, lastActivityAt, expected) => {
    expect(resumeMemory(stored, 'en', lastActivityAt, NOW, IDLE_MINUTES)).toEqual(expected);
  });

  it('hands back the stored memory itself when it stands', () => {
    expect(resumeMemory(collecting, 'en', minutesAgo(1), NOW, IDLE_MINUTES)).toBe(collecting);
  });
});

import type { Intent } from '../understanding';
import { step } from './step';
import { smallFacts, understood } from './test-facts';
import { type Command, initialMemory, type Memory } from './types';

interface Customer {
  optedOut: boolean;
  botPaused: boolean;
}

/** Mid-booking, so a silent step visibly keeps the memory as it was. */
const memory: Memory = { ...initialMemory('en'), state: 'COLLECTING', awaiting: 'service', attempts: 1 };

const run = (customer: Customer, intent: Intent, language: 'en' | 'es' = 'en') =>
  step(
    memory,
    { kind: 'message', text: '', understanding: understood(intent, { language, name: 'Ana' }) },
    smallFacts({ customer: { name: 'Priya', ...customer } }),
  );

describe('silence', () => {
  it.each<[string, Customer, Intent]>([
    ['opted out, an ordinary message', { optedOut: true, botPaused: false }, 'book'],
    ['opted out, STOP again', { optedOut: true, botPaused: false }, 'stop'],
    ['opted out, asks for a person', { optedOut: true, botPaused: false }, 'human'],
    ['paused, an ordinary message', { optedOut: false, botPaused: true }, 'book'],
    ['paused, START', { optedOut: false, botPaused: true }, 'start'],
    ['paused, a greeting', { optedOut: false, botPaused: true }, 'greeting'],
    ['opted out and paused, START', { optedOut: true, botPaused: true }, 'start'],
    ['opted out and paused, STOP (already opted out)', { optedOut: true, botPaused: true }, 'stop'],
  ])('%s: no reply, no command, memory unchanged', (_case, customer, intent) => {
    // In Spanish with a name: even the language switch and the name update wait.
    const r = run(customer, intent, 'es');
    expect(r.replies).toEqual([]);
    expect(r.commands).toEqual([]);
    expect(r.memory).toEqual(memory);
  });

  it.each<[string, Customer, Intent, Command]>([
    ['opted out, START opts back in', { optedOut: true, botPaused: false }, 'start', { type: 'opt_in' }],
    ['paused, STOP opts out', { optedOut: false, botPaused: true }, 'stop', { type: 'opt_out' }],
    ['neither, an ordinary message', { optedOut: false, botPaused: false }, 'book', { type: 'update_customer', name: 'Ana' }],
  ])('%s', (_case, customer, intent, command) => {
    const r = run(customer, intent);
    expect(r.replies.length).toBeGreaterThan(0);
    expect(r.commands).toContainEqual(command);
  });

  it('answers a failed command even for an opted-out customer: that step was not silent', () => {
    const r = step(
      memory,
      { kind: 'command_failed', command: { type: 'cancel', bookingId: 'b1' }, reason: 'too_late' },
      smallFacts({ customer: { name: 'Priya', optedOut: true, botPaused: true } }),
    );
    expect(r.replies).toHaveLength(1);
  });
});

import { decideReminderDelivery, type ReminderFacts, reminderButtons, reminderText } from './reminder-delivery';

const start = new Date('2026-06-10T17:00:00Z');
const base: ReminderFacts = {
  now: new Date('2026-06-10T15:00:00Z'),
  bookingStatus: 'confirmed',
  start,
  plannedStart: start,
  tenantActive: true,
  optedOut: false,
  lastWhatsAppInboundAt: null,
  tenantHasWhatsApp: true,
  tenantHasSms: true,
};

describe('decideReminderDelivery', () => {
  it.each<[string, Partial<ReminderFacts>, unknown]>([
    ['SMS without a WhatsApp conversation', {}, { action: 'send', channel: 'sms' }],
    [
      'WhatsApp inside the 24-hour window',
      { lastWhatsAppInboundAt: new Date('2026-06-09T15:00:01Z') },
      { action: 'send', channel: 'whatsapp', window: 'open' },
    ],
    [
      'WhatsApp template outside it',
      { lastWhatsAppInboundAt: new Date('2026-06-09T15:00:00Z') },
      { action: 'send', channel: 'whatsapp', window: 'closed' },
    ],
    [
      'SMS when the business has no WhatsApp number any more',
      { lastWhatsAppInboundAt: new Date('2026-06-10T14:00:00Z'), tenantHasWhatsApp: false },
      { action: 'send', channel: 'sms' },
    ],
    ['skipped with no channel', { tenantHasSms: false }, { action: 'skip', reason: expect.stringContaining('No channel') }],
    ['skipped when opted out', { optedOut: true }, { action: 'skip', reason: expect.stringContaining('opted out') }],
    [
      'failed for a suspended business',
      { tenantActive: false },
      { action: 'fail', reason: expect.stringContaining('suspended') },
    ],
    ['cancelled for a cancelled booking', { bookingStatus: 'cancelled' }, { action: 'cancel', reason: expect.any(String) }],
    [
      'cancelled when planned for another start',
      { plannedStart: new Date('2026-06-10T18:00:00Z') },
      { action: 'cancel', reason: expect.stringContaining('rescheduled') },
    ],
    ['skipped once the appointment started', { now: start }, { action: 'skip', reason: expect.stringContaining('started') }],
  ])('%s', (_name, change, expected) => {
    expect(decideReminderDelivery({ ...base, ...change })).toEqual(expected);
  });
});

describe('reminderText', () => {
  it('names business, service, local date and time, and asks for C / R / X (en)', () => {
    const text = reminderText({
      language: 'en',
      business: 'Bella Hair',
      service: 'Haircut',
      start,
      timezone: 'America/New_York',
    });
    expect(text).toBe(
      'Reminder from Bella Hair: your Haircut is on Wednesday, June 10 at 1:00 PM. Reply C to confirm, R to reschedule or X to cancel.',
    );
  });
  it('in Spanish', () => {
    const text = reminderText({ language: 'es', business: 'Bella', service: 'Corte', start, timezone: 'Europe/Madrid' });
    expect(text).toBe(
      'Recordatorio de Bella: tu cita de Corte es el miércoles, 10 de junio a las 19:00. Responde C para confirmar, R para cambiar la hora o X para cancelar.',
    );
  });
  it('never asks for a bare CANCEL', () => {
    for (const language of ['en', 'es'] as const) {
      const text = reminderText({ language, business: 'B', service: 'S', start, timezone: 'UTC' });
      expect(text).not.toMatch(/\bCANCEL\b/);
    }
  });
  it('buttons carry stable ids', () => {
    expect(reminderButtons('es')).toEqual([
      { id: 'reminder:confirm', label: 'Confirmar' },
      { id: 'reminder:reschedule', label: 'Cambiar' },
      { id: 'reminder:cancel', label: 'Cancelar' },
    ]);
  });
});

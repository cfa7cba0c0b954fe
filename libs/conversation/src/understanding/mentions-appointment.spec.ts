import { BASE_CONTEXT } from './fixtures';
import { isUnderstanding } from './types';
import { understand } from './understand';

describe('understand: mentionsAppointment', () => {
  it.each([
    ['cancel my appointment', true],
    ['I need to cancel my appt', true],
    ['cancel the booking please', true],
    ['can you cancel my reservation', true],
    ['cancela mi cita', true],
    ['quiero anular la reserva', true],
    ['cancelar el turno del martes', true],
    ['cancel', false],
    ['never mind, cancel that', false],
    ['cancelar', false],
    ['I want to book a haircut', false],
    ['quiero reservar un corte', false],
    // An address is no mention: emails are read apart from the words.
    ['cancel, my email is reservations@example.com', false],
  ])('%j → %s', (text, mentions) => {
    const u = understand(text, BASE_CONTEXT);
    expect(isUnderstanding(u)).toBe(true);
    expect(u.mentionsAppointment === true).toBe(mentions);
  });

  it('writes the flag only when true, like every other flag', () => {
    expect('mentionsAppointment' in understand('cancel', BASE_CONTEXT)).toBe(false);
  });
});

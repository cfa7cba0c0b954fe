import { REMINDER_OPTION_IDS } from '@frontdesk/contracts';
import { isSmsOptOutKeyword, reminderAnswer, reminderButton } from './reminder-answer';

describe('reminderAnswer', () => {
  it.each([
    ['C', 'confirm'],
    ['c.', 'confirm'],
    ['yes', 'confirm'],
    ['Sí', 'confirm'],
    ['si gracias', 'confirm'],
    ['OK', 'confirm'],
    ['confirmo', 'confirm'],
    ['confrim', 'confirm'],
    ['CONFIRMED!', 'confirm'],
    ['R', 'reschedule'],
    ['reprogramar', 'reschedule'],
    ['cambiar', 'reschedule'],
    ['resched ule', undefined],
    ['X', 'cancel'],
    ['cancle', 'cancel'],
    ['anular', 'cancel'],
    ['cancelar por favor', 'cancel'],
    ['see you', undefined],
    ['C R', undefined],
    ['', undefined],
    ['no', undefined],
    ['hello', undefined],
  ] as const)('"%s" → %s', (text, expected) => {
    expect(reminderAnswer(text)).toBe(expected);
  });

  it('reads the reminder buttons by id only', () => {
    expect(reminderButton(REMINDER_OPTION_IDS.confirm)).toBe('confirm');
    expect(reminderButton('reminder:reschedule')).toBe('reschedule');
    expect(reminderButton('reminder:cancel')).toBe('cancel');
    expect(reminderButton('yes')).toBeUndefined();
    expect(reminderButton(undefined)).toBeUndefined();
  });
});

describe('isSmsOptOutKeyword', () => {
  it.each(['STOP', 'cancel', 'Cancel!', ' END ', 'quit', 'unsubscribe', 'stopall', 'STOP ALL', 'revoke', 'optout'])(
    '"%s" is one',
    (t) => expect(isSmsOptOutKeyword(t)).toBe(true),
  );
  it.each(['cancel please', 'please cancel', 'cancel my appointment', 'stop it', 'x', 'C'])('"%s" is not', (t) =>
    expect(isSmsOptOutKeyword(t)).toBe(false),
  );
});

import { parseWhatsAppNotification } from './whatsapp-notification';

const notification = (value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: 'WABA',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550001111', phone_number_id: '1234567890' },
            ...value,
          },
        },
      ],
    },
  ],
});

describe('parseWhatsAppNotification', () => {
  it('reads a text message, with the sender in E.164', () => {
    const [change] = parseWhatsAppNotification(
      notification({
        contacts: [{ wa_id: '12125550123' }],
        messages: [{ from: '12125550123', id: 'wamid.A', timestamp: '1', type: 'text', text: { body: 'Hi' } }],
      }),
    );
    expect(change).toEqual({
      phoneNumberId: '1234567890',
      messages: [{ id: 'wamid.A', from: '+12125550123', text: 'Hi' }],
      statuses: [],
      ignored: [],
    });
  });

  it.each([
    ['a reply button', { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } }, { optionId: 'yes', text: 'Yes' }],
    [
      'a list row',
      { type: 'list_reply', list_reply: { id: 'slot:2026-12-01T15:00:00.000Z', title: '10:00 AM', description: 'x' } },
      { optionId: 'slot:2026-12-01T15:00:00.000Z', text: '10:00 AM' },
    ],
  ])('reads a tapped %s as its option id and title', (_name, interactive, expected) => {
    const [change] = parseWhatsAppNotification(
      notification({ messages: [{ from: '12125550123', id: 'wamid.B', type: 'interactive', interactive }] }),
    );
    expect(change.messages).toEqual([{ id: 'wamid.B', from: '+12125550123', ...expected }]);
  });

  it('reads a template quick-reply button', () => {
    const [change] = parseWhatsAppNotification(
      notification({
        messages: [{ from: '12125550123', id: 'wamid.C', type: 'button', button: { text: 'Confirm', payload: 'confirm' } }],
      }),
    );
    expect(change.messages).toEqual([{ id: 'wamid.C', from: '+12125550123', text: 'Confirm', optionId: 'confirm' }]);
  });

  it('passes over types the engine does not read, and malformed messages', () => {
    const [change] = parseWhatsAppNotification(
      notification({
        messages: [
          { from: '12125550123', id: 'wamid.D', type: 'image', image: { id: 'media' } },
          { from: '12125550123', id: 'wamid.E', type: 'reaction', reaction: { emoji: '👍' } },
          { from: 'not-a-number', id: 'wamid.F', type: 'text', text: { body: 'x' } },
          { id: 'wamid.G', type: 'text', text: { body: 'no sender' } },
          'nonsense',
        ],
      }),
    );
    expect(change.messages).toEqual([]);
    expect(change.ignored).toEqual(['image', 'reaction', 'malformed', 'malformed', 'malformed']);
  });

  it('reads delivery statuses, with the reason of a failure', () => {
    const [change] = parseWhatsAppNotification(
      notification({
        statuses: [
          { id: 'wamid.out1', status: 'delivered', timestamp: '2', recipient_id: '12125550123' },
          { id: 'wamid.out2', status: 'failed', errors: [{ code: 131047, title: 'Re-engagement message' }] },
          { id: 'wamid.out3', status: 'deleted' },
        ],
      }),
    );
    expect(change.statuses).toEqual([
      { id: 'wamid.out1', status: 'delivered' },
      { id: 'wamid.out2', status: 'failed', error: 'WhatsApp error 131047: Re-engagement message' },
    ]);
  });

  it('groups by business phone number and ignores other fields and shapes', () => {
    const payload = {
      entry: [
        { changes: [{ field: 'account_update', value: { metadata: { phone_number_id: '1' } } }] },
        {
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { phone_number_id: '2' },
                messages: [{ from: '441234567890', id: 'w1', type: 'text', text: { body: 'a' } }],
              },
            },
          ],
        },
        { changes: [{ field: 'messages', value: { metadata: {} } }] },
        null,
      ],
    };
    expect(parseWhatsAppNotification(payload).map((c) => c.phoneNumberId)).toEqual(['2']);
    expect(parseWhatsAppNotification(null)).toEqual([]);
    expect(parseWhatsAppNotification([1, 2])).toEqual([]);
    expect(parseWhatsAppNotification({ entry: 'x' })).toEqual([]);
  });
});

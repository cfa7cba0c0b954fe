import { FakeWhatsApp } from '../../../../../test/fakes/fake-whatsapp';
import { deliveryFailureOf } from '../../../../../test/fakes/channels';
import { testConfig } from '../../../../../test/harness';
import type { OutboundMessage } from './messaging-channel';
import { WhatsAppChannel } from './whatsapp.channel';

/** The WhatsApp adapter against a local server speaking the Graph API's messages endpoint. */
describe('WhatsAppChannel', () => {
  let graph: FakeWhatsApp;
  let channel: WhatsAppChannel;
  const message: OutboundMessage = {
    from: '1234567890',
    to: '+12125550199',
    text: 'Shall I book it?',
    options: [
      { id: 'yes', label: 'Yes' },
      { id: 'no', label: 'No' },
    ],
    language: 'en',
  };

  const channelFor = (env: Record<string, string>) => new WhatsAppChannel(testConfig(env));

  beforeAll(async () => {
    graph = await new FakeWhatsApp().start();
    channel = channelFor({ WHATSAPP_ACCESS_TOKEN: graph.accessToken, WHATSAPP_API_BASE_URL: graph.url });
  });
  afterAll(() => graph.stop());
  beforeEach(() => graph.reset());

  it('posts to /{phone_number_id}/messages with the bearer token; options become reply buttons', async () => {
    const { providerMessageId } = await channel.send(message);
    expect(graph.requests[0]).toMatchObject({ method: 'POST', url: '/1234567890/messages' });
    expect(graph.requests[0].headers['content-type']).toBe('application/json');
    expect(graph.sent).toEqual([
      {
        id: providerMessageId,
        phoneNumberId: '1234567890',
        payload: {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: '12125550199',
          type: 'interactive',
          interactive: {
            type: 'button',
            body: { text: 'Shall I book it?' },
            action: {
              buttons: [
                { type: 'reply', reply: { id: 'yes', title: 'Yes' } },
                { type: 'reply', reply: { id: 'no', title: 'No' } },
              ],
            },
          },
        },
      },
    ]);
  });

  it('sends a list for more options, with the list button in the customer language', async () => {
    const options = ['9:00', '9:15', '9:30', '9:45', '10:00'].map((label) => ({ id: `slot:${label}`, label }));
    await channel.send({ ...message, text: '¿A qué hora?', options, language: 'es' });
    const { interactive } = graph.sent[0].payload;
    expect(interactive.type).toBe('list');
    expect(interactive.action.button).toBe('Elegir');
    expect(interactive.action.sections[0].rows.map((r: { id: string }) => r.id)).toEqual(options.map((o) => o.id));
  });

  it.each([
    ['a 500', 500, undefined, 'retry'],
    ['a 429', 429, undefined, 'retry'],
    ['throttling (130429)', 400, { error: { message: 'Rate limit hit', type: 'OAuthException', code: 130429 } }, 'retry'],
    [
      'an invalid parameter (100)',
      400,
      { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 } },
      'rejected',
    ],
    ['outside the 24-hour window (131047)', 400, { error: { message: 'Re-engagement message', code: 131047 } }, 'rejected'],
  ] as const)('classifies %s as %s', async (_name, status, body, outcome) => {
    graph.failNext(1, status, { body });
    const failure = await deliveryFailureOf(channel.send(message));
    expect(failure.outcome).toBe(outcome);
    expect(failure.message).toContain(`WhatsApp answered ${status}`);
  });

  it('is rejected, not retried, with a wrong token', async () => {
    const failure = await deliveryFailureOf(
      channelFor({ WHATSAPP_ACCESS_TOKEN: 'wrong', WHATSAPP_API_BASE_URL: graph.url }).send(message),
    );
    expect(failure).toMatchObject({ outcome: 'rejected', message: expect.stringMatching(/401 \(error 190\)/) });
  });

  it('retries when the Graph API cannot be reached at all', async () => {
    const gone = await new FakeWhatsApp().start();
    await gone.stop();
    expect(
      (await deliveryFailureOf(channelFor({ WHATSAPP_ACCESS_TOKEN: 'x', WHATSAPP_API_BASE_URL: gone.url }).send(message)))
        .outcome,
    ).toBe('retry');
  });

  it('is disabled without an access token', async () => {
    const disabled = channelFor({ WHATSAPP_API_BASE_URL: graph.url });
    expect(disabled.disabledReason).toBe('WhatsApp sending is not configured');
    expect((await deliveryFailureOf(disabled.send(message))).outcome).toBe('rejected');
    expect(graph.requests).toHaveLength(0);
  });
});

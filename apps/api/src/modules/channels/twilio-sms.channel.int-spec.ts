import { FakeTwilio } from '../../../../../test/fakes/fake-twilio';
import { deliveryFailureOf } from '../../../../../test/fakes/channels';
import { testConfig } from '../../../../../test/harness';
import type { OutboundMessage } from './messaging-channel';
import { TwilioSmsChannel } from './twilio-sms.channel';

/** The Twilio adapter against a local server speaking Twilio's Messages API. */
describe('TwilioSmsChannel', () => {
  let twilio: FakeTwilio;
  let channel: TwilioSmsChannel;
  const message: OutboundMessage = {
    from: '+12125550100',
    to: '+12125550199',
    text: 'Which time works?',
    options: [
      { id: 'a', label: '9:00 AM' },
      { id: 'b', label: '9:15 AM' },
    ],
    language: 'en',
  };

  const channelFor = (env: Record<string, string>) => new TwilioSmsChannel(testConfig(env));

  beforeAll(async () => {
    twilio = await new FakeTwilio().start();
    channel = channelFor({
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: twilio.url,
    });
  });
  afterAll(() => twilio.stop());
  beforeEach(() => twilio.reset());

  it('creates a message with basic auth, from the business number, options numbered', async () => {
    const { providerMessageId } = await channel.send(message);
    expect(twilio.requests).toHaveLength(1);
    const [request] = twilio.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`);
    expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(twilio.sent).toEqual([
      {
        sid: providerMessageId,
        from: '+12125550100',
        to: '+12125550199',
        body: 'Which time works?\n1) 9:00 AM\n2) 9:15 AM',
        statusCallback: `${testConfig({}).publicBaseUrl}/webhooks/twilio/status`,
      },
    ]);
  });

  it('sends a reply over 1600 characters as several messages, in order', async () => {
    const text = Array.from({ length: 60 }, (_, i) => `This is sentence number ${i} of a long message.`).join(' ');
    const { providerMessageId } = await channel.send({ ...message, text, options: [] });
    expect(twilio.sent.length).toBe(2);
    expect(twilio.sent.every((s) => s.body.length <= 1600)).toBe(true);
    expect(twilio.sent.map((s) => s.body).join(' ')).toBe(text);
    expect(providerMessageId).toBe(twilio.sent[0].sid);
  });

  it('does not let a second part fail into a retry that would resend the first', async () => {
    twilio.failNext(1, 500, { after: 1 });
    const failure = await deliveryFailureOf(channel.send({ ...message, text: 'word '.repeat(500), options: [] }));
    expect(failure.outcome).toBe('unknown');
    expect(failure.message).toMatch(/^Sent 1 of 2 parts/);
  });

  it.each([
    [500, 'retry'],
    [503, 'retry'],
    [429, 'retry'],
    [400, 'rejected'],
    [404, 'rejected'],
  ] as const)('classifies a %s answer as %s', async (status, outcome) => {
    twilio.failNext(1, status);
    const failure = await deliveryFailureOf(channel.send(message));
    expect(failure.outcome).toBe(outcome);
    expect(failure.message).toContain(`Twilio answered ${status}`);
  });

  it('is rejected, not retried, with wrong credentials', async () => {
    const wrong = channelFor({
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: 'wrong',
      TWILIO_API_BASE_URL: twilio.url,
    });
    const failure = await deliveryFailureOf(wrong.send(message));
    expect(failure.outcome).toBe('rejected');
    expect(failure.message).toMatch(/401.*20003/);
  });

  it('retries when Twilio cannot be reached at all', async () => {
    const gone = await new FakeTwilio(twilio.accountSid, twilio.authToken).start();
    await gone.stop();
    const unreachable = channelFor({
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: gone.url,
    });
    expect((await deliveryFailureOf(unreachable.send(message))).outcome).toBe('retry');
  });

  it('is disabled without credentials, and says so', async () => {
    const disabled = channelFor({});
    expect(disabled.disabledReason).toBe('SMS sending is not configured');
    expect((await deliveryFailureOf(disabled.send(message))).outcome).toBe('rejected');
  });

  it('fails the boot naming the variable when the account SID is malformed', () => {
    expect(() => channelFor({ TWILIO_ACCOUNT_SID: 'XX123', TWILIO_AUTH_TOKEN: 'token' })).toThrow(
      /TWILIO_ACCOUNT_SID: accountSid must start with AC/,
    );
  });
});

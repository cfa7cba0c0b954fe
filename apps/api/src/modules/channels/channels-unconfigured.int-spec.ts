import { SchedulerRegistry } from '@nestjs/schedule';
import { createHmac } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio';
import { bookableTenant } from '../../../../../test/booking-fixtures';
import { messageCounts, PUBLIC_BASE_URL, twilioParams, waNotification, waText } from '../../../../../test/fakes/channels';
import { TestApp } from '../../../../../test/harness';
import { OUTBOX_INTERVAL_NAME, OutboxSender } from './outbox-sender';

/** No Twilio or Meta credentials: nothing can be verified or sent, and everything is still recorded. */
describe('channels without provider credentials', () => {
  let t: TestApp;
  let b: Awaited<ReturnType<typeof bookableTenant>>;

  beforeAll(async () => {
    t = await TestApp.start({ PUBLIC_BASE_URL });
    t.app.get(SchedulerRegistry).deleteInterval(OUTBOX_INTERVAL_NAME);
    b = await bookableTenant(t);
    await t.request('PUT', '/api/v1/settings/channels', {
      token: b.ownerToken,
      body: { smsNumber: '+12125550100', whatsappPhoneNumberId: '5550100' },
    });
  });
  afterAll(() => t.close());

  it('refuses every Twilio webhook with 403, since no signature can be checked', async () => {
    const params = twilioParams({ To: '+12125550100', From: '+12125550199', Body: 'Hi' });
    for (const token of ['', 'any-token']) {
      const res = await t.request('POST', '/webhooks/twilio/sms', {
        payload: new URLSearchParams(params).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': getExpectedTwilioSignature(token, `${PUBLIC_BASE_URL}/webhooks/twilio/sms`, params),
        },
      });
      expect(res.status).toBe(403);
    }
    expect(await messageCounts(t)).toEqual({ inbound: 0, outbound: 0 });
  });

  it('refuses the WhatsApp handshake and notifications with 403', async () => {
    expect((await t.request('GET', '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=&hub.challenge=1')).status).toBe(403);
    const payload = JSON.stringify(waNotification('5550100', { messages: [waText('+12125550199', 'Hi')] }));
    const res = await t.request('POST', '/webhooks/whatsapp', {
      payload,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${createHmac('sha256', '').update(payload).digest('hex')}`,
      },
    });
    expect(res.status).toBe(403);
    expect(await messageCounts(t)).toEqual({ inbound: 0, outbound: 0 });
  });

  it('records outbound messages as failed, with the reason, instead of sending them', async () => {
    const chat = await t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, {
      token: b.ownerToken,
      body: { from: '+12125550199', text: 'Hello' },
    });
    expect(chat.status).toBe(200);
    const [conversation] = await t.sql('select id, tenant_id from conversations');
    const [sms, whatsapp] = await t.sql(
      `insert into messages (tenant_id, conversation_id, direction, author, channel, body, status, next_attempt_at)
       values ($1, $2, 'outbound', 'staff', 'sms', 'by SMS', 'pending', now()), ($1, $2, 'outbound', 'staff', 'whatsapp', 'by WhatsApp', 'pending', now())
       returning id`,
      [conversation.tenant_id, conversation.id],
    );
    expect(await t.app.get(OutboxSender).deliverDue()).toBe(2);
    const rows = await t.sql('select id, status, attempts, last_error from messages where id = any($1) order by seq', [
      [sms.id, whatsapp.id],
    ]);
    expect(rows).toEqual([
      { id: sms.id, status: 'failed', attempts: 0, last_error: 'SMS sending is not configured' },
      { id: whatsapp.id, status: 'failed', attempts: 0, last_error: 'WhatsApp sending is not configured' },
    ]);
  });
});

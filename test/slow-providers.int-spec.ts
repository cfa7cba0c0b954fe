import { SchedulerRegistry } from '@nestjs/schedule';
import { Client } from 'pg';
import { OUTBOX_INTERVAL_NAME, OutboxSender } from '../apps/api/src/modules/channels/outbox-sender';
import { bookableTenant, type BookableTenant } from './booking-fixtures';
import { phoneNumber } from './fakes/channels';
import { FakeOpenAI } from './fakes/fake-openai';
import { FakeTwilio } from './fakes/fake-twilio';
import { TestApp } from './harness';

const CHATS = 30;
const OUTBOUND = 30;

/**
 * No network call inside a database transaction: with the language model answering after 2 s
 * and Twilio after 5 s, 30 chats and 30 outbound messages in flight hold no pool connection
 * while they wait (the pool has 10), so the rest of the API keeps answering at once.
 */
describe('slow providers', () => {
  let llm: FakeOpenAI;
  let twilio: FakeTwilio;
  let t: TestApp;
  let b: BookableTenant;
  let owner: Client;

  beforeAll(async () => {
    llm = await new FakeOpenAI().start();
    twilio = await new FakeTwilio().start();
    t = await TestApp.start({
      LLM_BASE_URL: `${llm.url}/v1`,
      LLM_API_KEY: llm.apiKey,
      LLM_MODEL: 'frontdesk-test-model',
      LLM_TIMEOUT_MS: '8000',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE_URL: twilio.url,
    });
    t.app.get(SchedulerRegistry).deleteInterval(OUTBOX_INTERVAL_NAME);
    b = await bookableTenant(t);
    owner = new Client({ connectionString: t.databaseUrl });
    await owner.connect();
  });
  afterAll(async () => {
    await owner.end();
    await t.close();
    await llm.stop();
    await twilio.stop();
  });

  /** Pending SMS replies to `count` customers, as the outbox finds them. */
  async function queueOutbound(count: number) {
    const res = await t.request('PUT', '/api/v1/settings/channels', {
      token: b.ownerToken,
      body: { smsNumber: phoneNumber(), whatsappPhoneNumberId: null },
    });
    expect(res.status).toBe(200);
    for (let i = 0; i < count; i++) {
      const from = `+1212555${String(7000 + i)}`;
      expect(
        (await t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, { token: b.ownerToken, body: { from, text: 'hi' } }))
          .status,
      ).toBe(200);
    }
    await t.sql(
      `insert into messages (tenant_id, conversation_id, direction, author, channel, body, status, next_attempt_at)
       select tenant_id, id, 'outbound', 'staff', 'sms', 'See you soon', 'pending', now() from conversations where tenant_id = $1`,
      [b.tenant.id],
    );
  }

  it('hold no connection while the model and Twilio think, and the API keeps answering', async () => {
    await queueOutbound(OUTBOUND);
    llm.delayMs = 2000;
    twilio.delayMs = 5000;

    // Sessions of the app's role left idle inside a transaction for a while: a provider call
    // made with a connection held. The model takes 2 s and Twilio 5 s; 1 s sits well above the
    // waits of a transaction whose next statement queues behind 30 busy chats on one event loop.
    let worst = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const { rows } = await owner.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where usename = 'frontdesk_app' and datname = current_database()
              and state like 'idle in transaction%' and state_change < now() - interval '1 second'`,
        );
        worst = Math.max(worst, rows[0].n);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const finished: string[] = [];
    const chats = Array.from({ length: CHATS }, (_, i) =>
      t
        .request('POST', `/api/v1/public/${b.tenant.slug}/chat`, {
          token: b.ownerToken,
          body: { from: `+1646555${String(8000 + i)}`, text: 'a haircut tomorrow at 3pm please' },
        })
        .then((res) => {
          finished.push('chat');
          return res.status;
        }),
    );
    const outbox = t.app.get(OutboxSender).deliverDue();
    // Let every chat reach the model and the first sends reach Twilio.
    while (llm.requests.length < CHATS || twilio.requests.length === 0) await new Promise((r) => setTimeout(r, 20));

    const health = await t.request('GET', '/health');
    const availability = await t.request(
      'GET',
      `/api/v1/public/${b.tenant.slug}/availability?serviceId=${b.serviceId}&from=${b.day(2)}&to=${b.day(8)}`,
    );
    finished.push('reads');
    expect(health.status).toBe(200);
    expect(availability.status).toBe(200);

    expect(await Promise.all(chats)).toEqual(chats.map(() => 200));
    expect(await outbox).toBe(OUTBOUND);
    sampling = false;
    await sampler;

    // The reads were answered while every chat still waited for the model.
    expect(finished[0]).toBe('reads');
    expect(worst).toBe(0);
    expect(twilio.sent).toHaveLength(OUTBOUND);
    const pending = await t.sql(`select count(*)::int as n from messages where status = 'pending' and tenant_id = $1`, [
      b.tenant.id,
    ]);
    expect(pending[0].n).toBe(0);
  });
});

import { bookableTenant } from '../../../../../test/booking-fixtures';
import { chatAs } from '../../../../../test/chat-fixtures';
import { TestApp } from '../../../../../test/harness';

const TOKEN = 'metrics-scrape-token';

/** Every sample line of one series: `name{labels} value`. */
const samples = (text: string, name: string) =>
  text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

describe('metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await t.request('GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/plain');
    return res.body as string;
  };

  it('needs the bearer token when METRICS_TOKEN is set', async () => {
    expect(await t.request('GET', '/metrics')).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    expect((await t.request('GET', '/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('exports the series the contract lists, with route templates and no tenant ids', async () => {
    const b = await bookableTenant(t);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await t.request('GET', `/api/v1/bookings/${missing}`, { token: b.ownerToken })).status).toBe(404);
    const text = await scrape();

    for (const name of [
      'frontdesk_http_requests_total',
      'frontdesk_http_request_duration_seconds',
      'frontdesk_db_pool_connections',
      'frontdesk_outbox_pending',
      'frontdesk_outbox_oldest_age_seconds',
      'frontdesk_messages_sent_total',
      'frontdesk_reminders_total',
      'frontdesk_bookings_created_total',
      'frontdesk_stripe_webhook_events_total',
      'process_cpu_user_seconds_total',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(samples(text, 'frontdesk_http_requests_total')).toContain(
      'frontdesk_http_requests_total{method="GET",route="/api/v1/bookings/:id",status="404"} 1',
    );
    expect(text).toMatch(
      /frontdesk_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/v1\/bookings\/:id"\} 1/,
    );
    expect(samples(text, 'frontdesk_db_pool_connections').map((l) => l.split(' ')[0])).toEqual([
      'frontdesk_db_pool_connections{state="active"}',
      'frontdesk_db_pool_connections{state="idle"}',
      'frontdesk_db_pool_connections{state="waiting"}',
    ]);
    expect(samples(text, 'frontdesk_outbox_pending')).toEqual(['frontdesk_outbox_pending 0']);
    expect(text).not.toContain(b.tenant.id);
    expect(text).not.toContain(missing);
  });

  it('counts bookings by source and status, and pending outbox messages with their age', async () => {
    const b = await bookableTenant(t);
    const before = await scrape();
    const made = await t.request('POST', `/api/v1/bookings`, {
      token: b.ownerToken,
      body: { serviceId: b.serviceId, start: b.at(b.day(3), '11:00'), customer: { name: 'Ana', phone: '+12125550142' } },
    });
    expect(made.status).toBe(201);
    const created = (text: string) =>
      Number(
        samples(text, 'frontdesk_bookings_created_total')
          .find((l) => l.includes(`source="${made.body.source}"`) && l.includes(`status="${made.body.status}"`))
          ?.split(' ')[1] ?? 0,
      );
    const after = await scrape();
    expect(created(after) - created(before)).toBe(1);

    await chatAs(t, b, '+12125550143', 'hi');
    await t.sql(
      `insert into messages (tenant_id, conversation_id, direction, author, channel, body, status, next_attempt_at, created_at)
       select tenant_id, id, 'outbound', 'staff', 'sms', 'See you soon', 'pending', now() + interval '1 hour',
              now() - interval '90 seconds'
         from conversations where tenant_id = $1`,
      [b.tenant.id],
    );
    const text = await scrape();
    const pending = Number(samples(text, 'frontdesk_outbox_pending')[0].split(' ')[1]);
    const age = Number(samples(text, 'frontdesk_outbox_oldest_age_seconds')[0].split(' ')[1]);
    expect({ pending: pending > 0, age: age >= 90 }).toEqual({ pending: true, age: true });
  });
});

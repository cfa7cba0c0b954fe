/**
 * Analytics on a large book: 1,000,000 bookings of one tenant over two years (with their
 * reminders, the reminders' outbound messages and the customers' replies, conversations and
 * deposit payments), bulk-generated with SQL `generate_series`. Measures, over HTTP against a
 * real server process (one request at a time, the owner's token), the summary and each no-show
 * breakdown for 90-day ranges, and prints p50/p95 per endpoint (target: p95 under 200 ms), then
 * `EXPLAIN (ANALYZE, BUFFERS)` of the key statements run as the app role inside a tenant
 * transaction, as the server runs them.
 *
 * Run: node -r @swc-node/register bench/analytics.ts [bookings=1000000] [samples=30]
 *
 * Measured 2026-12-04 on the shared 2-core machine under heavy load from other sessions
 * (`/proc/loadavg` 16.6 → 23.9 during the first run, 23.7 → 22.8 during the second): one seeded
 * 1M book, measured with the code before and after the summary's reads ran at once and the
 * CSV export streamed. Results were identical. p50 / p95 ms:
 *
 * | endpoint                | before        | after        |
 * |-------------------------|---------------|--------------|
 * | summary                 | 1103 / 1593   | 931 / 1184   |
 * | no-shows by=week        | 157 / 201     | 191 / 301    |
 * | no-shows by=weekday     | 172 / 283     | 159 / 221    |
 * | no-shows by=hour        | 157 / 208     | 152 / 221    |
 * | no-shows by=weekdayHour | 180 / 268     | 244 / 481    |
 * | no-shows by=service     | 261 / 430     | 292 / 392    |
 * | no-shows by=staff       | 240 / 401     | 175 / 220    |
 * | no-shows by=riskTier    | 173 / 304     | 145 / 249    |
 * | bookings.csv, 123k rows | 56.7 s        | 42.6 s       |
 *
 * The breakdowns did not change (their spread is the load's); at this load no endpoint meets the
 * 200 ms target, so these figures compare, they do not certify. Plans: the analytics README.
 *
 * Measured again 2026-12-04 16:33 on a quiet machine (load average 1.6-3, only this bench), the
 * code above, seeded afresh (1,000,000 bookings, 1,822,454 reminders, 2,001,489 messages), 30
 * samples, p50 / p95 / max ms:
 *   summary 195 / 278 / 284 (target missed: its three statements take 105 ms (bookings),
 *   191 ms (reminders: two index-only scans of 203k rows, one hashing 101k booking ids) and 118 ms
 *   (conversations: 12k index probes) of CPU, so two cores answer in about their sum over two);
 *   by=week 43 / 51; weekday 59 / 89; hour 41 / 62; weekdayHour 41 / 50; service 51 / 57;
 *   staff 53 / 57; riskTier 36 / 40 — every breakdown well under 200 ms.
 *   bookings.csv, 90 days (123,300 rows, 42 MB), one request: 8.4 s (42.6 s before streaming, loaded).
 *
 * Measured 2026-12-04 18:24 and 18:38, the summary doing less work (migration MarkRemindedBookings:
 * reminded bookings a count of `bookings.reminded_at` instead of a hash of 101k booking ids, sent
 * reminders only in their index, a partial index for the conversation probes, the zone read by each
 * statement), each run seeded afresh, 30 samples, p50 / p95 / max ms. Not a quiet machine: other
 * sessions kept the 1-minute load average at 3.6-5.0 during both (this bench's own server, Postgres
 * and client included):
 *
 * | endpoint                | 18:24 run (load 3.6-3.9) | 18:38 run (load 4.5-5.0) |
 * |-------------------------|--------------------------|--------------------------|
 * | summary                 | 100 / 270 / 302          | 98 / 192 / 253           |
 * | no-shows by=week        | 47 / 50 / 50             | 49 / 53 / 56             |
 * | no-shows by=weekday     | 45 / 50 / 55             | 46 / 53 / 56             |
 * | no-shows by=hour        | 43 / 47 / 52             | 46 / 50 / 50             |
 * | no-shows by=weekdayHour | 48 / 75 / 80             | 48 / 66 / 79             |
 * | no-shows by=service     | 59 / 68 / 76             | 57 / 65 / 101            |
 * | no-shows by=staff       | 56 / 66 / 69             | 57 / 61 / 62             |
 * | no-shows by=riskTier    | 47 / 69 / 93             | 43 / 51 / 92             |
 * | bookings.csv, one req.  | 12.6 s                   | 11.0 s                   |
 *
 * The summary's p50 halved (195 → 98-100 ms): its statements now take ~60 ms (bookings), ~35 ms
 * (reminders, from 191 ms) and ~50 ms (conversations, from 118 ms) of CPU. Its p95 is the machine's:
 * a few samples out of 30 met a busy core (the first run's 270 ms); the second met the target.
 * Seeding the reminders takes ~7 minutes now (~5 before, both loaded): the bulk insert also marks
 * 800k bookings reminded, through the triggers the app's own writes go through.
 *
 * Measured again 2026-12-04 19:05-19:09 on a quiet machine (1-minute load average 0.1-1.3, only
 * this bench), the code above, seeded afresh, 30 samples, p50 / p95 / max ms:
 *   summary 99.6 / 125.6 / 127.8 (target met; was 195 / 278 / 284 on the quiet machine at 16:33);
 *   by=week 48 / 52; weekday 47 / 50; hour 47 / 50; weekdayHour 50 / 74; service 70 / 90;
 *   staff 62 / 92; riskTier 43 / 50. bookings.csv, 90 days (123,300 rows, 42 MB): 10.0 s.
 *   EXPLAIN ANALYZE of the summary's statements (timing overhead included): bookings 119 ms,
 *   reminders 61 ms, conversations 84 ms.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ANALYTICS_SQL, FIRST_CSV_PAGE } from '../apps/api/src/modules/analytics/analytics.repository';
import { CSV_PAGE_ROWS } from '../apps/api/src/modules/analytics/analytics.service';
import { ensureDatabase, startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres';
import { RemoteApi, SUPERADMIN } from '../test/harness';
import { CHEAP_PASSWORD_HASHING, TEST_APP_DATABASE_PASSWORD } from '../test/server-env';
import { type RunningServer, startServer } from '../test/start-process';

const TIMEZONE = 'America/New_York';
const DAYS = 730;
/** The book runs from DAYS − FUTURE_DAYS ago to FUTURE_DAYS ahead. */
const FUTURE_DAYS = 30;

const directory = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
};

const dateOf = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => dateOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));

async function step(owner: Client, label: string, sql: string, params: unknown[]): Promise<void> {
  const started = Date.now();
  const result = await owner.query(sql, params);
  console.log(`  ${label}: ${result.rowCount ?? 0} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A realistic-enough history: outcomes, sources, risk tiers, confirmations, deposits, reminders and their delivery. */
async function seed(owner: Client, tenantId: string, bookings: number, firstDay: string): Promise<void> {
  const perDay = Math.ceil(bookings / DAYS);
  // Spread a day's bookings over 09:00–19:00 local.
  const gapSeconds = Math.floor((10 * 3600) / perDay);
  await owner.query('select setseed(0.42)');
  await step(
    owner,
    'staff and services',
    `
    with s as (insert into staff (tenant_id, name) select $1, 'Staff ' || i from generate_series(1, 7) i returning 1)
    insert into services (tenant_id, name, duration_minutes, price_cents)
    select $1, 'Service ' || i, 30, 3000 + i * 500 from generate_series(1, 6) i`,
    [tenantId],
  );
  await step(
    owner,
    'customers',
    `
    insert into customers (tenant_id, phone, name, language)
    select $1, '+1917' || lpad(i::text, 7, '0'), 'Customer ' || i, 'en' from generate_series(1, 100000) i`,
    [tenantId],
  );
  await step(
    owner,
    'conversations',
    `
    insert into conversations (tenant_id, customer_id, channel, created_at)
    select $1, c.id, case when random() < 0.6 then 'sms' else 'whatsapp' end,
           ($2::date)::timestamp at time zone $3 + random() * make_interval(days => ${DAYS})
      from customers c where c.tenant_id = $1`,
    [tenantId, firstDay, TIMEZONE],
  );
  await step(
    owner,
    'bookings',
    `
    with st as (select array_agg(id order by id) as ids from staff where tenant_id = $1),
         sv as (select array_agg(id order by id) as ids from services where tenant_id = $1),
         cu as (select array_agg(id order by id) as ids from customers where tenant_id = $1),
         g as (
           select i, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5,
                  (($2::date + (i / $4))::timestamp + interval '9 hours' + (i % $4) * make_interval(secs => $5)) at time zone $3 as s
             from generate_series(0, $6 - 1) i),
         o as (
           select g.*, case
                    -- Future bookings: every 128th confirmed (55 minutes apart, so one staff member's never overlap), the rest cancelled.
                    when g.s > now() then case when g.i % 128 = 0 then 'confirmed' else 'cancelled' end
                    when g.r1 < 0.74 then 'completed' when g.r1 < 0.82 then 'no_show' when g.r1 < 0.95 then 'cancelled'
                    else 'expired' end as status,
                  g.s - g.r3 * interval '20 days' as made
             from g)
    insert into bookings (tenant_id, service_id, staff_id, customer_id, status, start_at, end_at, blocked, source, late_cancel,
                          cancelled_at, risk_tier, risk_score, created_at, customer_confirmed_at, deposit_cents, payment_status)
    select $1, sv.ids[1 + o.i % 6], st.ids[1 + o.i % array_length(st.ids, 1)], cu.ids[1 + (o.i::bigint * 7919) % 100000], o.status,
           o.s, o.s + interval '30 minutes', tstzrange(o.s, o.s + interval '30 minutes'),
           case when o.r5 < 0.4 then 'web' when o.r5 < 0.5 then 'chat' when o.r5 < 0.75 then 'sms' when o.r5 < 0.9 then 'whatsapp' else 'admin' end,
           o.status = 'cancelled' and o.r2 < 0.35, case when o.status = 'cancelled' then o.s - o.r2 * interval '3 days' end,
           case when o.r4 < 0.6 then 'low' when o.r4 < 0.88 then 'medium' else 'high' end,
           case when o.r4 < 0.6 then 0.05 when o.r4 < 0.88 then 0.2 else 0.45 end,
           o.made, case when o.status <> 'expired' and o.r3 < 0.45 then o.made + (o.s - o.made) * (0.5 + o.r3) end,
           case when o.r2 < 0.2 then 2000 else 0 end,
           case when o.r2 >= 0.2 or o.status = 'expired' then 'none'
                when o.status = 'cancelled' and o.r2 >= 0.07 then 'refunded' else 'paid' end
      from o, st, sv, cu`,
    [tenantId, firstDay, TIMEZONE, perDay, gapSeconds, bookings],
  );
  await step(
    owner,
    'payments',
    `
    insert into payments (tenant_id, booking_id, checkout_session_id, payment_intent_id, checkout_url, amount_cents, currency,
                          status, refunded_cents, expires_at, paid_at, closed_at, created_at)
    select b.tenant_id, b.id, 'cs_' || md5(b.id::text), case when b.payment_status <> 'none' then 'pi_' || md5(b.id::text) end,
           'https://checkout.stripe.com/c/pay/' || md5(b.id::text), b.deposit_cents, 'usd',
           case when b.payment_status = 'none' then 'expired' else 'paid' end,
           case when b.payment_status = 'refunded' then b.deposit_cents else 0 end,
           b.created_at + interval '30 minutes', case when b.payment_status <> 'none' then b.created_at + interval '5 minutes' end,
           b.created_at + interval '30 minutes', b.created_at
      from bookings b where b.tenant_id = $1 and b.deposit_cents > 0`,
    [tenantId],
  );
  // Two reminders (24 h and 2 h ahead) per booking that stood; each sent one has its outbound message.
  await step(
    owner,
    'reminder messages',
    `
    -- One draw per reminder, stored before the CASE reads it: a bare random() in each WHEN draws again
    -- for every branch, and a LATERAL draw is memoized per offset (two draws in all).
    with x as materialized (
      select b.id as booking_id, b.tenant_id, b.start_at, cv.id as conversation_id, cv.channel, o.offset_minutes, random() as r
        from bookings b
        join conversations cv on cv.tenant_id = b.tenant_id and cv.customer_id = b.customer_id
       cross join (values (1440), (120)) as o(offset_minutes)
       where b.tenant_id = $1 and b.status in ('completed', 'no_show'))
    insert into messages (id, tenant_id, conversation_id, direction, author, channel, body, status, provider_message_id, created_at, updated_at)
    select md5(x.booking_id::text || x.offset_minutes)::uuid, x.tenant_id, x.conversation_id, 'outbound', 'bot', x.channel,
           'Reminder: see you soon. Reply C, R or X.',
           case when x.r < 0.85 then 'delivered' when x.r < 0.9 then 'read' when x.r < 0.94 then 'failed' else 'sent' end,
           'SM' || md5(x.booking_id::text || x.offset_minutes), x.start_at - make_interval(mins => x.offset_minutes),
           x.start_at - make_interval(mins => x.offset_minutes) + interval '10 seconds'
      from x`,
    [tenantId],
  );
  await step(
    owner,
    'customer replies',
    `
    insert into messages (tenant_id, conversation_id, direction, author, channel, body, status, created_at, updated_at)
    select b.tenant_id, cv.id, 'inbound', 'customer', cv.channel, 'C', 'received', b.customer_confirmed_at, b.customer_confirmed_at
      from bookings b join conversations cv on cv.tenant_id = b.tenant_id and cv.customer_id = b.customer_id
     where b.tenant_id = $1 and b.customer_confirmed_at is not null`,
    [tenantId],
  );
  await step(
    owner,
    'reminders',
    `
    insert into reminders (tenant_id, booking_id, customer_id, offset_minutes, planned_start, due_at, status, channel, message_id, sent_at, created_at)
    select b.tenant_id, b.id, b.customer_id, o.offset_minutes, b.start_at, b.start_at - make_interval(mins => o.offset_minutes),
           case when b.status = 'cancelled' then 'cancelled' else 'sent' end,
           case when b.status <> 'cancelled' then cv.channel end,
           case when b.status <> 'cancelled' then md5(b.id::text || o.offset_minutes)::uuid end,
           case when b.status <> 'cancelled' then b.start_at - make_interval(mins => o.offset_minutes) end, b.created_at
      from bookings b
      join conversations cv on cv.tenant_id = b.tenant_id and cv.customer_id = b.customer_id
      cross join (values (1440), (120)) as o(offset_minutes)
     where b.tenant_id = $1 and b.status in ('completed', 'no_show', 'cancelled') and b.start_at < now()`,
    [tenantId],
  );
  const started = Date.now();
  await owner.query('vacuum analyze');
  console.log(`  vacuum analyze: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(
  api: RemoteApi,
  token: string,
  path: (from: string, to: string) => string,
  lastDay: string,
  samples: number,
) {
  const times: number[] = [];
  for (let i = -3; i < samples; i++) {
    // Each sample a different 90-day window, ending on one of the last `samples` days.
    const to = addDays(lastDay, -Math.max(i, 0));
    const from = addDays(to, -89);
    const started = performance.now();
    const res = await api.request('GET', path(from, to), { token });
    const ms = performance.now() - started;
    if (res.status !== 200) throw new Error(`${path(from, to)}: ${res.status} ${JSON.stringify(res.body)}`);
    if (i >= 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}

async function explain(
  owner: Client,
  tenantId: string,
  label: string,
  sql: string,
  from: string,
  to: string,
  more: unknown[] = [],
): Promise<void> {
  await owner.query('begin');
  try {
    await owner.query('set local role frontdesk_app');
    await owner.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
    const plan = await owner.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, [tenantId, from, to, ...more]);
    console.log(`\n--- ${label}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  } finally {
    await owner.query('rollback');
  }
}

/** The shape that made the summary slow before: each reminder joined to its message for the delivery status. */
const REMINDERS_JOINED_TO_MESSAGES = `
  select count(*) filter (where r.status = 'sent')::int as sent,
         count(*) filter (where m.status in ('delivered', 'read'))::int as delivered,
         count(*) filter (where m.status = 'failed')::int as failed
    from reminders r join bookings b on b.tenant_id = r.tenant_id and b.id = r.booking_id
    left join messages m on m.id = r.message_id
   where b.tenant_id = $1 and b.start_at >= ($2::date)::timestamp at time zone '${TIMEZONE}'
     and b.start_at < ($3::date + 1)::timestamp at time zone '${TIMEZONE}'`;

async function main() {
  const bookings = Number(process.argv[2] ?? 1_000_000);
  const samples = Number(process.argv[3] ?? 30);
  const cluster = await startEmbeddedPostgres({ dir: directory('frontdesk-bench-analytics-'), database: 'postgres' });
  const url = cluster.url.replace(/\/postgres$/, '/analytics_bench');
  await ensureDatabase(url);
  const owner = new Client({ connectionString: url });
  let server: RunningServer | undefined;
  try {
    server = await startServer(
      {
        DATABASE_URL: url,
        APP_DATABASE_PASSWORD: TEST_APP_DATABASE_PASSWORD,
        DATA_DIR: directory('frontdesk-bench-analytics-data-'),
        SUPERADMIN_EMAIL: SUPERADMIN.email,
        SUPERADMIN_PASSWORD: SUPERADMIN.password,
        DEMO_SEED: 'false',
        ...CHEAP_PASSWORD_HASHING,
      },
      120_000,
    );
    await owner.connect();
    const api = new RemoteApi(server.baseUrl);
    const { tenant, ownerToken } = await api.createTenant({ timezone: TIMEZONE });
    const today = dateOf(new Date());
    const firstDay = addDays(today, -(DAYS - FUTURE_DAYS));
    console.log(`seeding ${bookings} bookings of one tenant (${TIMEZONE}) from ${firstDay} over ${DAYS} days …`);
    await seed(owner, tenant.id, bookings, firstDay);
    const [counts] = (
      await owner.query(`select (select count(*) from bookings)::int as bookings, (select count(*) from reminders)::int as reminders,
                                (select count(*) from messages)::int as messages, (select count(*) from payments)::int as payments,
                                (select count(*) from conversations)::int as conversations`)
    ).rows;
    console.log(`  in the database: ${JSON.stringify(counts)}`);

    // The windows end in the past (the last finished days), where every figure has data.
    const lastDay = addDays(today, -2);
    const endpoints: [string, (from: string, to: string) => string][] = [
      ['summary', (from, to) => `/api/v1/analytics/summary?from=${from}&to=${to}`],
      ...(['week', 'weekday', 'hour', 'weekdayHour', 'service', 'staff', 'riskTier'] as const).map(
        (by): [string, (from: string, to: string) => string] => [
          `no-shows by=${by}`,
          (from, to) => `/api/v1/analytics/no-shows?from=${from}&to=${to}&by=${by}`,
        ],
      ),
    ];
    const sample = await api.request('GET', endpoints[0][1](addDays(lastDay, -89), lastDay), { token: ownerToken });
    console.log(`\nsummary of the last 90 days: ${JSON.stringify(sample.body)}`);
    console.log(`\nHTTP, one request at a time, 90-day ranges, ${samples} samples each (target p95 < 200 ms):`);
    console.log('| endpoint | p50 ms | p95 ms | max ms |');
    console.log('|---|---|---|---|');
    for (const [label, path] of endpoints) {
      const { p50, p95, max } = await measure(api, ownerToken, path, lastDay, samples);
      console.log(`| ${label} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${max.toFixed(1)} |`);
    }
    const csvStarted = performance.now();
    const csv = await api.request('GET', `/api/v1/analytics/bookings.csv?from=${addDays(lastDay, -89)}&to=${lastDay}`, {
      token: ownerToken,
    });
    console.log(
      `bookings.csv (90 days, one request): ${(performance.now() - csvStarted).toFixed(0)} ms, ${String(csv.body).length} bytes`,
    );

    const from = addDays(lastDay, -89);
    await explain(owner, tenant.id, 'summary: bookings', ANALYTICS_SQL.bookingFigures, from, lastDay);
    await explain(owner, tenant.id, 'summary: reminders', ANALYTICS_SQL.reminderFigures, from, lastDay);
    await explain(owner, tenant.id, 'summary: conversations', ANALYTICS_SQL.conversationFigures, from, lastDay);
    await explain(owner, tenant.id, 'no-shows by week', ANALYTICS_SQL.noShowBreakdown('week'), from, lastDay);
    await explain(owner, tenant.id, 'no-shows by hour', ANALYTICS_SQL.noShowBreakdown('hour'), from, lastDay);
    await explain(owner, tenant.id, 'no-shows by staff', ANALYTICS_SQL.noShowBreakdown('staff'), from, lastDay);
    const { startKey, id } = FIRST_CSV_PAGE;
    await explain(owner, tenant.id, 'bookings.csv: first page', ANALYTICS_SQL.csvPage, from, lastDay, [
      startKey,
      id,
      CSV_PAGE_ROWS,
    ]);
    await explain(
      owner,
      tenant.id,
      'for comparison: reminders joined to their messages',
      REMINDERS_JOINED_TO_MESSAGES,
      from,
      lastDay,
    );
  } finally {
    await owner.end().catch(() => undefined);
    await server?.stop();
    await cluster.stop();
  }
}

void main();

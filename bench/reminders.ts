/**
 * Reminders at volume: 10,000 confirmed bookings across 100 tenants, every reminder due in the
 * same second, two API processes on one database dispatching them, Twilio faked. Measures how
 * long until all are handed to the outbox and until all are accepted by the (fake) provider,
 * reminders/s, the CPU the servers and Postgres spent per reminder (from /proc), the worst
 * lateness against the due time, and that none went twice.
 *
 * The bookings, customers and reminder rows are written with SQL (the factory's way) while
 * their reminders are due far ahead; one statement then makes them all due a few seconds on.
 *
 * Run: node -r @swc-node/register bench/reminders.ts [tenants=100] [bookingsPerTenant=100]
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { ensureDatabase, startEmbeddedPostgres } from '../apps/api/src/database/embedded-postgres';
import { FakeTwilio } from '../test/fakes/fake-twilio';
import { SUPERADMIN } from '../test/harness';
import { CHEAP_PASSWORD_HASHING, TEST_APP_DATABASE_PASSWORD } from '../test/server-env';
import { type RunningServer, startServer } from '../test/start-process';

const directory = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
};

async function seed(owner: Client, tenants: number, perTenant: number, firstStart: Date): Promise<void> {
  for (let t = 0; t < tenants; t++) {
    const [tenant] = (
      await owner.query<{ id: string }>(
        `insert into tenants (name, slug, timezone, currency, country, locale, business_hours, sms_number)
         values ($1, $2, 'America/New_York', 'usd', 'US', 'en', '{}', $3) returning id`,
        [`Bench Salon ${t}`, `bench-salon-${t}`, `+1555${String(t).padStart(7, '0')}`],
      )
    ).rows;
    await owner.query(
      `with staff as (insert into staff (tenant_id, name) values ($1, 'Alex') returning id),
            service as (insert into services (tenant_id, name, duration_minutes, price_cents) values ($1, 'Haircut', 30, 3000) returning id),
            customers as (
              insert into customers (tenant_id, phone, name, language)
              select $1, '+1917' || lpad($2::text, 3, '0') || lpad(i::text, 4, '0'), 'Customer ' || i, 'en'
                from generate_series(1, $3) i
              returning id, name),
            numbered as (select id, row_number() over (order by id) as i from customers),
            bookings as (
              insert into bookings (tenant_id, service_id, staff_id, customer_id, status, start_at, end_at, blocked, source)
              select $1, (select id from service), (select id from staff), n.id, 'confirmed',
                     $4::timestamptz + (n.i - 1) * interval '1 hour',
                     $4::timestamptz + (n.i - 1) * interval '1 hour' + interval '30 minutes',
                     tstzrange($4::timestamptz + (n.i - 1) * interval '1 hour', $4::timestamptz + (n.i - 1) * interval '1 hour' + interval '30 minutes', '[)'),
                     'admin'
                from numbered n
              returning id, customer_id, start_at)
       insert into reminders (tenant_id, booking_id, customer_id, offset_minutes, planned_start, due_at, status)
       select $1, b.id, b.customer_id, 120, b.start_at, now() + interval '1 day', 'scheduled' from bookings b`,
      [tenant.id, t, perTenant, firstStart],
    );
  }
}

/** CPU seconds used so far by the processes under `root` (not `root` itself), from /proc. */
function descendantsCpuSeconds(root: number): number {
  const stats = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
      } catch {
        return [];
      }
    });
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of stats) {
      if (inTree.has(p.pid) || !inTree.has(p.ppid)) continue;
      inTree.add(p.pid);
      grew = true;
    }
  }
  return stats.filter((p) => p.pid !== root && inTree.has(p.pid)).reduce((sum, p) => sum + p.ticks, 0) / 100;
}

async function main() {
  const tenants = Number(process.argv[2] ?? 100);
  const perTenant = Number(process.argv[3] ?? 100);
  const total = tenants * perTenant;
  const cluster = await startEmbeddedPostgres({ dir: directory('frontdesk-bench-reminders-'), database: 'postgres' });
  const url = cluster.url.replace(/\/postgres$/, '/reminders_bench');
  await ensureDatabase(url);
  const twilio = await new FakeTwilio().start();
  const env = {
    DATABASE_URL: url,
    APP_DATABASE_PASSWORD: TEST_APP_DATABASE_PASSWORD,
    DATA_DIR: directory('frontdesk-bench-reminders-data-'),
    SUPERADMIN_EMAIL: SUPERADMIN.email,
    SUPERADMIN_PASSWORD: SUPERADMIN.password,
    PUBLIC_BASE_URL: 'https://frontdesk.bench.example',
    DEMO_SEED: 'false',
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_API_BASE_URL: twilio.url,
    ...CHEAP_PASSWORD_HASHING,
  };
  const owner = new Client({ connectionString: url });
  const servers: RunningServer[] = [];
  try {
    servers.push(await startServer(env, 120_000)); // migrates the database
    servers.push(await startServer(env, 120_000));
    await owner.connect();
    const seeding = Date.now();
    await seed(owner, tenants, perTenant, new Date(Date.now() + 6 * 3600_000));
    console.log(`seeded ${total} confirmed bookings with a reminder each across ${tenants} tenants in ${Date.now() - seeding} ms`);

    const due = new Date(Date.now() + 3_000);
    await owner.query(`update reminders set due_at = $1`, [due]);
    while (Date.now() < due.getTime()) await sleep(5);
    const cpuBefore = descendantsCpuSeconds(process.pid);
    let handedAt: number | undefined;
    let acceptedAt: number | undefined;
    const deadline = due.getTime() + 180_000;
    while (acceptedAt === undefined && Date.now() < deadline) {
      await sleep(50);
      if (handedAt === undefined) {
        const [{ n }] = (await owner.query<{ n: number }>(`select count(*)::int as n from reminders where status = 'scheduled'`)).rows;
        if (n === 0) handedAt = Date.now();
      }
      if (twilio.sent.length >= total) acceptedAt = Date.now();
    }
    const cpu = descendantsCpuSeconds(process.pid) - cpuBefore;
    await sleep(2_000); // anything sent twice would arrive by now

    const perPhone = new Map<string, number>();
    for (const s of twilio.sent) perPhone.set(s.to, (perPhone.get(s.to) ?? 0) + 1);
    const twice = [...perPhone.values()].filter((n) => n > 1).length;
    const [db] = (
      await owner.query<{ sent: number; messages: number; delivered: number }>(
        `select (select count(*)::int from reminders where status = 'sent') as sent,
                (select count(distinct message_id)::int from reminders) as messages,
                (select count(*)::int from messages where status = 'sent') as delivered`,
      )
    ).rows;
    const seconds = (at: number | undefined) => (at === undefined ? 'not reached' : `${((at - due.getTime()) / 1000).toFixed(1)} s`);
    console.log(`two API processes, ${total} reminders due at the same instant:`);
    console.log(`  all handed to the outbox after   ${seconds(handedAt)}`);
    console.log(`  all accepted by the provider after ${seconds(acceptedAt)} (worst lateness)`);
    if (acceptedAt) console.log(`  throughput                        ${(total / ((acceptedAt - due.getTime()) / 1000)).toFixed(0)} reminders/s`);
    console.log(`  server + Postgres CPU             ${((cpu * 1000) / total).toFixed(2)} ms per reminder (${cpu.toFixed(1)} s in all)`);
    console.log(`  provider accepted ${twilio.sent.length} sends to ${perPhone.size} phones; sent twice: ${twice}`);
    console.log(`  database: ${db.sent} reminders sent, ${db.messages} outbox messages, ${db.delivered} recorded as sent`);
    console.log(`  target (all out within 60 s of due, none twice): ${acceptedAt && acceptedAt - due.getTime() <= 60_000 && twice === 0 ? 'met' : 'MISSED'}`);
  } finally {
    await owner.end().catch(() => undefined);
    for (const server of servers) await server.stop();
    await twilio.stop();
    await cluster.stop();
  }
}

void main();

/**
 * The outbox across a crash, on real processes: a burst of WhatsApp messages from different
 * customers, each answered through the outbox, with the API process killed (SIGKILL) mid-burst
 * and started again on the same database. Notifications the dead process never acknowledged
 * are delivered again, as Meta does. What the customers received is read from the fake Graph
 * API, what the app recorded from the database.
 *
 * The one window left: a message the provider accepted whose outcome the dead process had not
 * yet recorded is sent again once its lease lapses. At most one claim batch is in flight per
 * process, so a kill costs at most that many duplicates.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { FakeWhatsApp } from './fakes/fake-whatsapp';
import { waNotification, waText } from './fakes/channels';
import { RemoteApi, SUPERADMIN } from './harness';
import { CHEAP_PASSWORD_HASHING, TEST_APP_DATABASE_PASSWORD } from './server-env';
import { type RunningServer, startServer } from './start-process';

export interface CrashOutcome {
  /** Customers who wrote, one message each. */
  customers: number;
  /** Outbound messages the app recorded (its replies). */
  recorded: number;
  /** Sends the provider accepted. */
  accepted: number;
  /** Sends beyond one per recorded message. */
  duplicates: number;
  /** Recorded replies that never reached the provider, and customers who got no reply. */
  lost: number;
  /** Replies the provider had accepted when the process was killed. */
  acceptedBeforeKill: number;
}

const PUBLIC_BASE_URL = 'https://frontdesk.crash.example';
/** Each send takes this long at the provider: sends are in flight when the kill lands. */
const PROVIDER_LATENCY_MS = 20;
const CONCURRENT_NOTIFICATIONS = 16;

const directory = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
};

/** `databaseUrl`: the owner's URL of a database that outlives the API processes (they migrate it). */
export async function crashMidBurst(customers: number, databaseUrl: string): Promise<CrashOutcome> {
  const whatsapp = await new FakeWhatsApp().start();
  whatsapp.delayMs = PROVIDER_LATENCY_MS;
  const appSecret = randomBytes(16).toString('hex');
  const env = {
    DATABASE_URL: databaseUrl,
    // The role is the cluster's: its password is the one every test database's app already uses.
    APP_DATABASE_PASSWORD: TEST_APP_DATABASE_PASSWORD,
    DATA_DIR: directory('frontdesk-crash-'),
    SUPERADMIN_EMAIL: SUPERADMIN.email,
    SUPERADMIN_PASSWORD: SUPERADMIN.password,
    PUBLIC_BASE_URL,
    PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
    WHATSAPP_ACCESS_TOKEN: whatsapp.accessToken,
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: 'crash-verify',
    WHATSAPP_API_BASE_URL: whatsapp.url,
    ...CHEAP_PASSWORD_HASHING,
  };
  const owner = new Client({ connectionString: databaseUrl });
  let server: RunningServer | undefined;
  try {
    server = await startServer(env, 120_000);
    const api = new RemoteApi(server.baseUrl);
    const { ownerToken } = await api.createTenant();
    const phoneNumberId = String(1_000_000_000 + Math.floor(Math.random() * 8_000_000_000));
    const channels = await api.request('PUT', '/api/v1/settings/channels', {
      token: ownerToken,
      body: { smsNumber: null, whatsappPhoneNumberId: phoneNumberId },
    });
    if (channels.status !== 200) throw new Error(`setting channels failed: ${channels.status}`);

    const phones = Array.from({ length: customers }, (_, i) => `+1646555${String(i).padStart(4, '0')}`);
    const notifications = phones.map((phone) =>
      JSON.stringify(waNotification(phoneNumberId, { messages: [waText(phone, 'Hi, what do you offer?')] })),
    );
    const deliver = (baseUrl: string, body: string) =>
      fetch(`${baseUrl}/webhooks/whatsapp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`,
        },
        body,
      }).then(
        (res) => res.status === 200,
        () => false,
      );

    // The burst, until half the replies have gone out; then the process dies.
    const acknowledged = new Set<number>();
    let next = 0;
    let killed = false;
    const first = server;
    const sender = async () => {
      while (!killed && next < notifications.length) {
        const index = next++;
        if (await deliver(first.baseUrl, notifications[index])) acknowledged.add(index);
      }
    };
    const senders = Array.from({ length: CONCURRENT_NOTIFICATIONS }, sender);
    while (whatsapp.sent.length < customers / 2) await sleep(5);
    process.kill(first.pid!, 'SIGKILL');
    killed = true;
    const acceptedBeforeKill = whatsapp.sent.length;
    await Promise.all(senders);
    await first.stop();

    // What a minute's wait does: the dead process's leases lapse.
    await owner.connect();
    await owner.query('update messages set leased_until = now() where lease_id is not null');

    server = await startServer(env, 120_000);
    const second = server;
    // Meta redelivers what was not acknowledged (some of it was stored before the kill).
    const unacknowledged = notifications.filter((_, i) => !acknowledged.has(i));
    for (let i = 0; i < unacknowledged.length; i += CONCURRENT_NOTIFICATIONS) {
      const answers = await Promise.all(
        unacknowledged.slice(i, i + CONCURRENT_NOTIFICATIONS).map((body) => deliver(second.baseUrl, body)),
      );
      if (answers.includes(false)) throw new Error('A redelivered notification was not acknowledged');
    }
    const pending = async () =>
      (
        await owner.query<{ n: number }>(
          `select count(*)::int as n from messages where direction = 'outbound' and status = 'pending'`,
        )
      ).rows[0].n;
    const deadline = Date.now() + 60_000;
    while ((await pending()) > 0) {
      if (Date.now() > deadline) throw new Error('The outbox did not drain after the restart');
      await sleep(100);
    }

    const { rows } = await owner.query<{ status: string; n: number }>(
      `select status, count(*)::int as n from messages where direction = 'outbound' group by status`,
    );
    const recorded = rows.reduce((sum, row) => sum + row.n, 0);
    const sentRows = rows.find((row) => row.status === 'sent')?.n ?? 0;
    const answered = new Set(whatsapp.sent.map((s) => `+${String(s.payload.to).replace(/^\+/, '')}`));
    const unanswered = phones.filter((phone) => !answered.has(phone)).length;
    return {
      customers,
      recorded,
      accepted: whatsapp.sent.length,
      duplicates: whatsapp.sent.length - sentRows,
      lost: recorded - sentRows + unanswered,
      acceptedBeforeKill,
    };
  } finally {
    await server?.stop();
    await owner.end().catch(() => undefined);
    await whatsapp.stop();
  }
}

/**
 * Two real API processes (started as `npm start` starts the server) on one Postgres database,
 * behind a round-robin proxy, with every provider a local fake that records what it was sent.
 * The cluster tier's tests drive it over HTTP as clients and providers would.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { getExpectedTwilioSignature } from 'twilio';
import { FakeStripe } from '../fakes/fake-stripe';
import { FakeTwilio } from '../fakes/fake-twilio';
import { FakeWhatsApp } from '../fakes/fake-whatsapp';
import { createTestDatabase, RemoteApi, SUPERADMIN, type TestResponse } from '../harness';
import { CHEAP_PASSWORD_HASHING, TEST_APP_DATABASE_PASSWORD } from '../server-env';
import { type RunningServer, startServer } from '../start-process';
import { RoundRobinProxy } from './round-robin-proxy';

export const PUBLIC_BASE_URL = 'https://frontdesk.cluster.example';
/** Well above what the other cases send from one address in a minute. */
export const PUBLIC_RATE_LIMIT_PER_MINUTE = 400;

export interface Cluster {
  /** The API as clients see it: through the proxy, each request to the next process. */
  api: RemoteApi;
  proxy: RoundRobinProxy;
  servers: RunningServer[];
  databaseUrl: string;
  twilio: FakeTwilio;
  whatsapp: FakeWhatsApp;
  stripe: FakeStripe;
  /** Runs SQL as the database owner (no row-level security): for assertions. */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** Posts an inbound SMS to `baseUrl` as Twilio does (form-encoded, `X-Twilio-Signature`). */
  postTwilioSms(baseUrl: string, params: Record<string, string>): Promise<TestResponse<string>>;
  /** Posts a WhatsApp notification to `baseUrl` as Meta does (`X-Hub-Signature-256` over the bytes). */
  postWhatsApp(baseUrl: string, payload: string): Promise<TestResponse>;
  stop(): Promise<void>;
}

const directory = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
};

/**
 * `env` adds to every process's environment; `databaseUrl` is the owner's URL of the database
 * they share (by default a fresh copy of the test template).
 */
export async function startCluster(
  options: { env?: Record<string, string>; databaseUrl?: string; processes?: number } = {},
): Promise<Cluster> {
  const { env = {}, processes = 2 } = options;
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const [twilio, whatsapp, stripe] = await Promise.all([
    new FakeTwilio().start(),
    new FakeWhatsApp().start(),
    new FakeStripe().start(),
  ]);
  const appSecret = randomBytes(16).toString('hex');
  const shared = {
    DATABASE_URL: databaseUrl,
    APP_DATABASE_PASSWORD: TEST_APP_DATABASE_PASSWORD,
    SUPERADMIN_EMAIL: SUPERADMIN.email,
    SUPERADMIN_PASSWORD: SUPERADMIN.password,
    PUBLIC_BASE_URL,
    // Replicas share their secrets: a token or link signed by one verifies on the other.
    JWT_SECRET: randomBytes(32).toString('hex'),
    LINK_SIGNING_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    DEMO_SEED: 'false',
    // The proxy is the one trusted hop: each test client's address is what the limits count.
    TRUSTED_PROXIES: '127.0.0.1',
    PUBLIC_RATE_LIMIT_PER_MINUTE: String(PUBLIC_RATE_LIMIT_PER_MINUTE),
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_API_BASE_URL: twilio.url,
    WHATSAPP_ACCESS_TOKEN: whatsapp.accessToken,
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: 'cluster-verify',
    WHATSAPP_API_BASE_URL: whatsapp.url,
    ...stripe.env(),
    ...CHEAP_PASSWORD_HASHING,
    ...env,
  };
  // The first process migrates and provisions; the others then find the schema in place.
  const servers = [await startServer({ ...shared, DATA_DIR: directory('frontdesk-cluster-') }, 120_000)];
  servers.push(
    ...(await Promise.all(
      Array.from({ length: processes - 1 }, () => startServer({ ...shared, DATA_DIR: directory('frontdesk-cluster-') }, 120_000)),
    )),
  );
  const proxy = await new RoundRobinProxy(servers.map((s) => s.baseUrl)).start();
  const owner = new Client({ connectionString: databaseUrl });
  await owner.connect();

  const post = (baseUrl: string, path: string, payload: string, headers: Record<string, string>) =>
    new RemoteApi(baseUrl).request('POST', path, { payload, headers });
  return {
    api: new RemoteApi(proxy.url),
    proxy,
    servers,
    databaseUrl,
    twilio,
    whatsapp,
    stripe,
    sql: async (text, params = []) => (await owner.query(text, params)).rows,
    postTwilioSms: (baseUrl, params) =>
      post(baseUrl, '/webhooks/twilio/sms', new URLSearchParams(params).toString(), {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-twilio-signature': getExpectedTwilioSignature(twilio.authToken, `${PUBLIC_BASE_URL}/webhooks/twilio/sms`, params),
      }),
    postWhatsApp: (baseUrl, payload) =>
      post(baseUrl, '/webhooks/whatsapp', payload, {
        'content-type': 'application/json',
        'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(payload).digest('hex')}`,
      }),
    async stop() {
      await proxy.stop();
      await Promise.all(servers.map((s) => s.stop()));
      await owner.end();
      await Promise.all([twilio.stop(), whatsapp.stop(), stripe.stop()]);
    },
  };
}

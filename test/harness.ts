import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createApp } from '../apps/api/src/bootstrap';
import type { Clock } from '../apps/api/src/common/clock';
import { loadConfig, type AppConfig } from '../apps/api/src/config/config';
import { provisionDatabase } from '../apps/api/src/database/provision';
import { CHEAP_PASSWORD_HASHING, TEST_APP_DATABASE_PASSWORD } from './server-env';

export const SUPERADMIN = { email: 'root@frontdesk.test', password: 'super-secret-password' };

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as the raw payload with its own content type (webhooks). */
  payload?: string;
}

let counter = 0;

/** A fresh database copied from the migrated template; one per test file. */
export async function createTestDatabase(): Promise<string> {
  const templateUrl = process.env.FRONTDESK_TEST_TEMPLATE_URL;
  if (!templateUrl) throw new Error('Integration tests need test/global-setup.mjs (run them through jest)');
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new URL(templateUrl);
  const template = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`create database ${name} template ${template}`);
  } finally {
    await client.end();
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'frontdesk-test-data-')),
    SUPERADMIN_EMAIL: SUPERADMIN.email,
    SUPERADMIN_PASSWORD: SUPERADMIN.password,
    PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
    APP_DATABASE_PASSWORD: TEST_APP_DATABASE_PASSWORD,
    LOG_LEVEL: 'silent',
    // Tests that read the demo's history ask for it; the others keep their databases small.
    DEMO_HISTORY: 'false',
    ...CHEAP_PASSWORD_HASHING,
    ...env,
  });
}

/** What tests need of a running API, whether driven in-process or over the network. */
export abstract class ApiClient {
  abstract request<T = any>(method: string, url: string, options?: RequestOptions): Promise<TestResponse<T>>;

  async login(email: string, password: string): Promise<string> {
    const res = await this.request('POST', '/api/v1/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }

  private superAdmin: Promise<string> | undefined;

  /** Signs the super-admin in once per client and reuses the token (it lasts hours; a sign-in costs an argon2 verify). */
  superAdminToken(): Promise<string> {
    this.superAdmin ??= this.login(SUPERADMIN.email, SUPERADMIN.password).catch((error: unknown) => {
      this.superAdmin = undefined;
      throw error;
    });
    return this.superAdmin;
  }

  /** Onboards a tenant through the API and signs in as its owner. */
  async createTenant(overrides: Record<string, unknown> = {}): Promise<{ tenant: any; ownerToken: string; ownerEmail: string }> {
    const n = `${Date.now().toString(36)}${counter++}`;
    const ownerEmail = `owner-${n}@example.test`;
    const admin = await this.superAdminToken();
    const res = await this.request('POST', '/api/v1/admin/tenants', {
      token: admin,
      body: {
        name: `Salon ${n}`,
        slug: `salon-${n}`,
        timezone: 'America/New_York',
        currency: 'usd',
        country: 'US',
        locale: 'en',
        owner: { email: ownerEmail, name: `Owner ${n}`, password: 'owner-password' },
        ...overrides,
      },
    });
    if (res.status !== 201) throw new Error(`createTenant failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { tenant: res.body, ownerToken: await this.login(ownerEmail, 'owner-password'), ownerEmail };
  }
}

/** An API running in another process, reached over HTTP. */
export class RemoteApi extends ApiClient {
  constructor(readonly baseUrl: string) {
    super();
  }

  async request<T = any>(method: string, url: string, options: RequestOptions = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.payload;
    if (body === undefined && options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${url}`, { method, headers, body });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('application/json') && text ? JSON.parse(text) : text;
    return { status: response.status, body: json as T, headers: Object.fromEntries(response.headers) };
  }
}

/** The real Nest application, in this process, driven through Fastify's inject. */
export class TestApp extends ApiClient {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly databaseUrl: string,
    readonly config: AppConfig,
  ) {
    super();
  }

  /**
   * The app on a fresh test database (or `databaseUrl`, the owner's URL of one), provisioned as
   * `npm start` does; `clock` fixes the app's `now` (the system clock by default).
   */
  static async start(env: Record<string, string> = {}, databaseUrl?: string, clock?: Clock): Promise<TestApp> {
    const url = databaseUrl ?? (await createTestDatabase());
    const config = testConfig(env);
    const { appUrl } = await provisionDatabase(url, config);
    const app = await createApp(config, appUrl, clock);
    return new TestApp(app, url, config);
  }

  async request<T = any>(method: string, url: string, options: RequestOptions = {}): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: method as 'GET',
        url,
        headers,
        ...(options.payload !== undefined
          ? { payload: options.payload }
          : options.body !== undefined
            ? { payload: options.body as object }
            : {}),
      });
    let body: any = response.body;
    if ((response.headers['content-type'] ?? '').toString().includes('application/json') && body) body = response.json();
    return { status: response.statusCode, body: body as T, headers: response.headers };
  }

  private owner: Promise<Client> | undefined;

  /**
   * Runs SQL as the database owner (bypasses row-level security): for assertions and factories.
   * One connection per app, opened on first use: a connection costs a backend and a SCRAM exchange.
   */
  async sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
    this.owner ??= (async () => {
      const client = new Client({ connectionString: this.databaseUrl });
      await client.connect();
      return client;
    })();
    return (await (await this.owner).query(text, params)).rows as T[];
  }

  async close(): Promise<void> {
    await this.app.close();
    const owner = this.owner;
    this.owner = undefined;
    if (owner) await (await owner).end();
  }
}

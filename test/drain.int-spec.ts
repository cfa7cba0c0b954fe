import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeOpenAI } from './fakes/fake-openai';
import { CHEAP_PASSWORD_HASHING } from './server-env';
import { startServer } from './start-process';

const LLM_DELAY_MS = 3000;

/**
 * SIGTERM to the real server process while a chat message waits on a slow language model: the
 * message is answered, readiness turns 503 and new requests are refused meanwhile, and the
 * process exits 0 once it is done (and its embedded Postgres with it).
 */
describe('drain on SIGTERM', () => {
  let llm: FakeOpenAI;
  beforeAll(async () => {
    llm = await new FakeOpenAI().start();
  });
  afterAll(() => llm.stop());

  it('lets the request in flight finish, refuses new ones, then exits', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-drain-'));
    chmodSync(dataDir, 0o755);
    const server = await startServer({
      DATA_DIR: dataDir,
      SUPERADMIN_EMAIL: 'root@drain.test',
      SUPERADMIN_PASSWORD: 'drain-password',
      LLM_BASE_URL: `${llm.url}/v1`,
      LLM_API_KEY: llm.apiKey,
      LLM_MODEL: 'frontdesk-test-model',
      LLM_TIMEOUT_MS: '8000',
      ...CHEAP_PASSWORD_HASHING,
    });
    const url = (path: string) => `${server.baseUrl}${path}`;
    expect((await fetch(url('/health/ready'))).status).toBe(200);

    const login = await fetch(url('/api/v1/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@demo.frontdesk.local', password: 'demo-owner-password' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };

    llm.delayMs = LLM_DELAY_MS;
    const slow = fetch(url('/api/v1/public/demo/chat'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ from: '+12125550100', text: 'I would like a haircut' }),
    });
    while (llm.completions.length === 0) await new Promise((r) => setTimeout(r, 20));
    const sentAt = Date.now();
    const exited = server.stop();
    await new Promise((r) => setTimeout(r, 200));

    const ready = await fetch(url('/health/ready'));
    expect({ status: ready.status, body: await ready.json() }).toMatchObject({
      status: 503,
      body: { code: 'not_ready', status: 'draining' },
    });
    const refused = await fetch(url('/api/v1/public/demo'));
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({
      status: 503,
      body: { code: 'shutting_down' },
    });

    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { replies: unknown[] }).replies.length).toBeGreaterThan(0);
    expect(await exited).toBe(0);
    // It waited for the model, and not for the whole 10 s drain allowance.
    expect(Date.now() - sentAt).toBeLessThan(10_000);
  });
});

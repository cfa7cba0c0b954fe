import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHEAP_PASSWORD_HASHING } from './server-env';
import { startServer } from './start-process';

/** A DATA_DIR the Postgres OS user can reach (mkdtemp makes 0700 directories). */
function dataDirectory(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const env = (dataDir: string) => ({
  DATA_DIR: dataDir,
  SUPERADMIN_EMAIL: 'root@restart.test',
  SUPERADMIN_PASSWORD: 'restart-password',
  ...CHEAP_PASSWORD_HASHING,
});

async function json(res: Response) {
  return { status: res.status, body: await res.json() };
}

describe('restart on the same DATA_DIR', () => {
  it('keeps the data, the demo tenant and the generated secrets across a stop (SIGTERM to npm start) and a start', async () => {
    const dataDir = dataDirectory('frontdesk-restart-');
    // The first run goes through the README's start command: a SIGTERM to npm must stop the
    // server and its embedded Postgres, or the second start could not take the data directory.
    const first = await startServer(env(dataDir), 60_000, 'npm start');
    let token: string;
    try {
      expect(first.output()).toContain('Frontdesk is ready at');
      token = (
        await json(
          await fetch(`${first.baseUrl}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: 'root@restart.test', password: 'restart-password' }),
          }),
        )
      ).body.accessToken;
      const created = await json(
        await fetch(`${first.baseUrl}/api/v1/admin/tenants`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            name: 'Kept Salon',
            slug: 'kept-salon',
            timezone: 'America/Chicago',
            currency: 'usd',
            country: 'US',
            locale: 'en',
            owner: { email: 'kept@example.test', name: 'Kim', password: 'kims-salon-stays-open' },
          }),
        }),
      );
      expect(created.status).toBe(201);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await startServer(env(dataDir));
    try {
      // The token signed before the restart still verifies: the JWT secret was reused.
      const list = await json(
        await fetch(`${second.baseUrl}/api/v1/admin/tenants`, { headers: { authorization: `Bearer ${token}` } }),
      );
      expect(list.status).toBe(200);
      const slugs = list.body.items.map((x: { slug: string }) => x.slug);
      expect(slugs.filter((s: string) => s === 'kept-salon')).toHaveLength(1);
      expect(slugs.filter((s: string) => s === 'demo')).toHaveLength(1);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 120_000);

  it('stops the Postgres that a SIGKILLed server left running on DATA_DIR, and starts', async () => {
    const dataDir = dataDirectory('frontdesk-killed-');
    const first = await startServer(env(dataDir));
    const pidFile = join(dataDir, 'postgres', 'cluster', 'postmaster.pid');
    const leftover = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    process.kill(first.pid!, 'SIGKILL');
    await first.stop();
    expect(isAlive(leftover)).toBe(true);

    const second = await startServer(env(dataDir));
    try {
      expect(isAlive(leftover)).toBe(false);
      expect((await fetch(`${second.baseUrl}/health`)).status).toBe(200);
    } finally {
      expect(await second.stop()).toBe(0);
    }
    expect(existsSync(pidFile)).toBe(false);
  }, 120_000);

  it('names the cause when the embedded Postgres cannot start', async () => {
    const dataDir = dataDirectory('frontdesk-brokenpg-');
    const cluster = join(dataDir, 'postgres', 'cluster');
    mkdirSync(cluster, { recursive: true });
    writeFileSync(join(cluster, 'PG_VERSION'), '9\n');
    await expect(startServer(env(dataDir), 30_000)).rejects.toThrow(
      /did not start: postgres: could not access the server configuration file/,
    );
  }, 60_000);

  it('refuses to start with an invalid variable and names it', async () => {
    const dataDir = dataDirectory('frontdesk-badenv-');
    await expect(startServer({ DATA_DIR: dataDir, PUBLIC_RATE_LIMIT_PER_MINUTE: 'lots' }, 20_000)).rejects.toThrow(
      /PUBLIC_RATE_LIMIT_PER_MINUTE/,
    );
  }, 30_000);
});

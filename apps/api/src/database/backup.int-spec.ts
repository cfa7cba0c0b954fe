import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RemoteApi, SUPERADMIN } from '../../../../test/harness';
import { CHEAP_PASSWORD_HASHING } from '../../../../test/server-env';
import { startServer } from '../../../../test/start-process';

const run = promisify(execFile);

describe('npm run backup / npm run restore (the embedded database)', () => {
  it('backs up while the server runs; a restore brings back what was there, secrets included', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-backup-'));
    chmodSync(dataDir, 0o755);
    const file = join(dataDir, 'backup.tar.gz');
    const env = {
      DATA_DIR: dataDir,
      SUPERADMIN_EMAIL: SUPERADMIN.email,
      SUPERADMIN_PASSWORD: SUPERADMIN.password,
      DEMO_SEED: 'false',
      ...CHEAP_PASSWORD_HASHING,
    };
    const npm = (...args: string[]) =>
      run('npm', ['run', '--silent', ...args], { cwd: join(__dirname, '../../../..'), env: { PATH: process.env.PATH, ...env } });
    const slugs = async (api: RemoteApi, token: string) =>
      (await api.request('GET', '/api/v1/admin/tenants', { token })).body.items.map((t: { slug: string }) => t.slug).sort();

    let server = await startServer(env, 120_000);
    let token: string;
    try {
      const api = new RemoteApi(server.baseUrl);
      await api.createTenant({ slug: 'kept-before-backup' });
      token = await api.superAdminToken();
      const backup = await npm('backup', '--', file);
      expect(backup.stdout).toContain(`to ${file}`);
      await api.createTenant({ slug: 'made-after-backup' });
      expect(await slugs(api, token)).toEqual(['kept-before-backup', 'made-after-backup']);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    await expect(npm('restore')).rejects.toMatchObject({ stderr: expect.stringContaining('Usage') });
    const restore = await npm('restore', '--', file);
    expect(restore.stdout).toMatch(/the replaced database is kept in .*cluster\.replaced-/);

    server = await startServer(env, 120_000);
    try {
      // The token signed before the backup verifies: the JWT secret came back with the data.
      expect(await slugs(new RemoteApi(server.baseUrl), token)).toEqual(['kept-before-backup']);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 300_000);

  it('refuses to restore over a running server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-restore-running-'));
    chmodSync(dataDir, 0o755);
    const env = {
      DATA_DIR: dataDir,
      SUPERADMIN_EMAIL: SUPERADMIN.email,
      SUPERADMIN_PASSWORD: SUPERADMIN.password,
      DEMO_SEED: 'false',
    };
    const server = await startServer({ ...env, ...CHEAP_PASSWORD_HASHING }, 120_000);
    try {
      await expect(
        run('npm', ['run', '--silent', 'restore', '--', join(dataDir, 'none.tar.gz')], {
          cwd: join(__dirname, '../../../..'),
          env: { PATH: process.env.PATH, ...env },
        }),
      ).rejects.toMatchObject({ stderr: expect.stringContaining('is running on this DATA_DIR: stop it first') });
    } finally {
      await server.stop();
    }
  }, 180_000);
});

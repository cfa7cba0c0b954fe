import { Client, DatabaseError } from 'pg';
import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm';
import { migrations } from '../../../../migrations';
import { entities } from './entities';
import { PreparingClient } from './prepared-statements';

/**
 * The LOGIN role the application connects as: it owns nothing, bypasses nothing and is a
 * member of no role, so row-level security applies to every statement it sends.
 */
export const APP_DB_ROLE = 'frontdesk_app';

export function appDataSourceOptions(url: string, poolSize: number): DataSourceOptions {
  return { type: 'postgres', url, entities, migrations: [], synchronize: false, poolSize, extra: { Client: PreparingClient } };
}

/** `ownerUrl` with the application role's credentials: what the app's pool connects with. */
export function appDatabaseUrl(ownerUrl: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_DB_ROLE;
  url.password = password;
  return url.toString();
}

/** Applies pending migrations; processes starting together take turns on an advisory lock. */
export async function runMigrations(ownerUrl: string): Promise<string[]> {
  const ds = new DataSource({
    type: 'postgres',
    url: ownerUrl,
    entities: [],
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: 2,
  });
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.query(`select pg_advisory_lock(hashtext('frontdesk.migrations'))`);
    return (await ds.runMigrations()).map((migration) => migration.name);
  } finally {
    await lock.release();
    await ds.destroy();
  }
}

/**
 * Gives the application role its password, unless it already signs in with it. Roles belong
 * to the whole Postgres cluster, and concurrent ALTER ROLEs of one role can fail, so a role
 * that already has it is left alone.
 */
export async function setAppRolePassword(ownerUrl: string, password: string): Promise<void> {
  const probe = new Client({ connectionString: appDatabaseUrl(ownerUrl, password) });
  try {
    await probe.connect();
    return;
  } catch (error) {
    // 28P01: wrong password; 28000: the role may not log in (yet).
    if (!(error instanceof DatabaseError) || !['28P01', '28000'].includes(error.code ?? '')) throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  await withOwner(ownerUrl, async (m) => {
    const [{ literal }] = await m.query<{ literal: string }[]>('select quote_literal($1) as literal', [password]);
    await m.query(`alter role ${APP_DB_ROLE} with login password ${literal}`);
  });
}

/**
 * Work as the database owner (the role of `DATABASE_URL`, which row-level security does not
 * restrict): migrations and the provisioning done at start (the super-admin, the demo tenant).
 * The application itself never holds this connection.
 */
export async function withOwner<T>(ownerUrl: string, work: (m: EntityManager) => Promise<T>): Promise<T> {
  const ds = new DataSource({ type: 'postgres', url: ownerUrl, entities, poolSize: 1, synchronize: false });
  await ds.initialize();
  try {
    return await work(ds.manager);
  } finally {
    await ds.destroy();
  }
}

import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../../../migrations';
import { entities } from './entities';

/** The role the application runs as: it owns no table, so row-level security applies to it. */
export const APP_DB_ROLE = 'frontdesk_app';

export function appDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: [],
    synchronize: false,
    poolSize,
    extra: { options: `-c role=${APP_DB_ROLE}` },
  };
}

/** Owner connection used only to run migrations. */
export function migrationDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: [],
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
  });
}

/** Applies pending migrations; processes starting together take turns on an advisory lock. */
export async function runMigrations(url: string): Promise<string[]> {
  const lock = new Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query(`select pg_advisory_lock(hashtext('frontdesk.migrations'))`);
    const ds = migrationDataSource(url);
    await ds.initialize();
    try {
      const applied = await ds.runMigrations();
      return applied.map((m) => m.name);
    } finally {
      await ds.destroy();
    }
  } finally {
    await lock.end();
  }
}

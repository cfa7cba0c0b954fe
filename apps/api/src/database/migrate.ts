/**
 * Runs pending migrations against DATABASE_URL (or the embedded Postgres in DATA_DIR).
 * Usage: npm run migrate
 */
import { loadConfig } from '../config/config';
import { runMigrations } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import { join } from 'node:path';

async function main() {
  const config = loadConfig();
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dir: join(config.dataDir, 'postgres'), database: 'frontdesk' });
  try {
    const applied = await runMigrations(config.databaseUrl ?? embedded!.url);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

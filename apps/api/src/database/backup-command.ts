/**
 * `npm run backup [-- <file>]` and `npm run restore -- <file>`: the embedded database in
 * DATA_DIR (see ./backup.ts). The backup may run beside a running Frontdesk; the restore needs it stopped.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../config/config';
import { backupEmbedded, restoreEmbedded } from './backup';

async function main() {
  const [command, file] = process.argv.slice(2);
  const config = loadConfig();
  if (config.databaseUrl) throw new Error('DATABASE_URL is set: back up that database with its own server tools (pg_dump)');
  if (command === 'backup') {
    const target = resolve(file ?? `frontdesk-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`);
    await backupEmbedded(config.dataDir, target);
    console.log(`Backed up the database in ${config.dataDir} to ${target}`);
  } else if (command === 'restore' && file) {
    const replaced = await restoreEmbedded(config.dataDir, resolve(file));
    console.log(
      `Restored ${resolve(file)} into ${config.dataDir}${replaced ? `; the replaced database is kept in ${replaced}` : ''}`,
    );
  } else {
    throw new Error('Usage: npm run backup [-- <file>] | npm run restore -- <file>');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

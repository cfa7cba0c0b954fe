import { join } from 'node:path';
import { inspect } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig } from './config/config';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { createApp } from './bootstrap';
import { Lifecycle } from './common/lifecycle/lifecycle.service';
import { provisionDatabase } from './database/provision';

async function main() {
  const startedAt = Date.now();
  const config = loadConfig();
  const running: { app?: NestFastifyApplication; embedded?: EmbeddedDatabase; stopping?: boolean } = {};

  const stop = async (signal: string) => {
    if (running.stopping) return;
    running.stopping = true;
    console.log(`\n${signal} received, shutting down…`);
    if (running.app) {
      // Readiness turns 503 and new requests are refused; what is in flight gets 10 s.
      await running.app.get(Lifecycle).drain();
      // Then the connections left are cut, the intervals stop and the pool closes.
      await running.app.close();
    }
    // The embedded Postgres goes last: everything above may still write to it.
    await running.embedded?.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dir: join(config.dataDir, 'postgres'), database: 'frontdesk' });
  running.embedded = embedded;
  const { appUrl, superAdmin, demo } = await provisionDatabase(config.databaseUrl ?? embedded!.url, config);

  const app = await createApp(config, appUrl);
  running.app = app;
  await app.listen({ port: config.port, host: '0.0.0.0' });
  app.get(Lifecycle).markReady();

  const lines = [
    '',
    `Frontdesk is ready at ${config.publicBaseUrl} (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
    `  admin app:   ${config.publicBaseUrl}/`,
    `  API docs:    ${config.publicBaseUrl}/api/docs`,
    `  database:    ${embedded ? `embedded Postgres, data in ${join(config.dataDir, 'postgres')}` : 'DATABASE_URL'}`,
    `  super-admin: ${superAdmin.email} / ${superAdmin.generatedPassword ?? (config.superAdmin.password ? '(SUPERADMIN_PASSWORD)' : '(password printed at first start)')}`,
  ];
  if (demo) lines.push(`  demo owner:  ${demo.ownerEmail} / ${demo.ownerPassword}   (business "${demo.slug}")`);
  console.log(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Frontdesk did not start:', error instanceof Error ? error : inspect(error));
  process.exit(1);
});

import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Db } from './common/db/db.service';
import { ConfigError, loadConfig } from './config/config';
import { runMigrations } from './database/data-source';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { createApp } from './bootstrap';
import { AuditService } from './modules/audit/audit.service';
import { ensureSuperAdmin } from './modules/auth/super-admin.bootstrap';
import { seedDemo } from './modules/seed/demo-seed';

async function main() {
  const startedAt = Date.now();
  const config = loadConfig();
  const running: { app?: NestFastifyApplication; embedded?: EmbeddedDatabase; stopping?: boolean } = {};

  const stop = async (signal: string) => {
    if (running.stopping) return;
    running.stopping = true;
    console.log(`\n${signal} received, shutting down…`);
    await running.app?.close();
    await running.embedded?.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dir: join(config.dataDir, 'postgres'), database: 'frontdesk' });
  running.embedded = embedded;
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  await runMigrations(databaseUrl);

  const app = await createApp(config, databaseUrl);
  running.app = app;
  const db = app.get(Db);
  const audit = app.get(AuditService);
  const superAdmin = await ensureSuperAdmin(db, audit, config);
  const demo = config.demoSeed ? await seedDemo(db, audit, config.passwordHashCost) : undefined;
  await app.listen({ port: config.port, host: '0.0.0.0' });

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
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

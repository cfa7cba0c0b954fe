import type { AppConfig } from '../config/config';
import { ensureSuperAdmin, type SuperAdminBootstrap } from '../modules/auth/super-admin.bootstrap';
import { DEMO, seedDemo } from '../modules/seed/demo-seed';
import { appDatabaseUrl, runMigrations, setAppRolePassword, withOwner } from './data-source';

export interface ProvisionedDatabase {
  /** What the application's pool connects with: the row-level-security-bound role. */
  appUrl: string;
  superAdmin: SuperAdminBootstrap;
  demo?: typeof DEMO & { created: boolean };
}

/**
 * Everything done at start with the owner's privileges (`DATABASE_URL`, or the embedded
 * cluster's superuser), before the app connects as its own role: migrations, the app role's
 * password, the super-admin and, when asked, the demo tenant.
 */
export async function provisionDatabase(ownerUrl: string, config: AppConfig): Promise<ProvisionedDatabase> {
  await runMigrations(ownerUrl);
  const password = config.secrets.appDatabasePassword.reveal();
  await setAppRolePassword(ownerUrl, password);
  return withOwner(ownerUrl, async (m) => ({
    appUrl: appDatabaseUrl(ownerUrl, password),
    superAdmin: await ensureSuperAdmin(m, config),
    demo: config.demoSeed ? await seedDemo(m, config.passwordHashCost, { history: config.demoHistory }) : undefined,
  }));
}

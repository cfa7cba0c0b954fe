import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/config';
import { AuditService } from '../audit/audit.service';
import { UserEntity } from './entities/user.entity';
import { hashPassword } from './passwords';

export const DEFAULT_SUPERADMIN_EMAIL = 'admin@frontdesk.local';

export interface SuperAdminBootstrap {
  email: string;
  /** Set only when the password was generated now: it is printed once and never stored in clear. */
  generatedPassword?: string;
  created: boolean;
}

/**
 * Creates the platform super-admin at start when absent. Provisioning, like a migration: it
 * runs on the database owner's connection (`withOwner`), since no tenant owns this user.
 */
export async function ensureSuperAdmin(owner: EntityManager, config: AppConfig): Promise<SuperAdminBootstrap> {
  const email = (config.superAdmin.email ?? DEFAULT_SUPERADMIN_EMAIL).toLowerCase();
  return owner.transaction(async (m) => {
    // Serialise concurrent first starts of several processes on one database.
    await m.query(`select pg_advisory_xact_lock(hashtext('frontdesk.ensure-super-admin'))`);
    const existing = await m.findOne(UserEntity, { where: { email } });
    if (existing) return { email, created: false };
    const generatedPassword = config.superAdmin.password ? undefined : randomBytes(12).toString('base64url');
    const password = config.superAdmin.password?.reveal() ?? generatedPassword!;
    const user = await m.save(
      m.create(UserEntity, {
        tenantId: null,
        email,
        name: 'Platform admin',
        role: 'super_admin',
        passwordHash: await hashPassword(password, config.passwordHashCost),
      }),
    );
    await new AuditService().record(m, {
      tenantId: null,
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      after: { email, role: 'super_admin' },
    });
    return { email, generatedPassword, created: true };
  });
}

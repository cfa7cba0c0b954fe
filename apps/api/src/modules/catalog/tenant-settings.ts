import type { EntityManager } from 'typeorm';
import { notFound } from '../../common/errors/app-error';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { TenantEntity } from '../tenants/entities/tenant.entity';

/**
 * The current tenant's row, which holds its hours, booking policy and channels. Locked
 * when it is about to change, so that two concurrent edits are audited in order.
 */
export async function currentTenant(m: EntityManager, options: { forUpdate: boolean }): Promise<TenantEntity> {
  const tenant = await m.findOne(TenantEntity, {
    where: { id: getTenantContext().tenantId },
    ...(options.forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!tenant) throw notFound('Tenant');
  return tenant;
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { getActor } from '../../common/tenancy/tenant-context';
import { AuditEntryEntity } from './entities/audit-entry.entity';

export interface AuditChange {
  /** The tenant the record belongs to (null for platform-level records such as super-admins). */
  tenantId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: object;
  after?: object;
}

/** Writes who changed what, inside the same transaction as the change itself. */
@Injectable()
export class AuditService {
  async record(m: EntityManager, change: AuditChange): Promise<void> {
    const actor = getActor();
    await m.insert(AuditEntryEntity, {
      tenantId: change.tenantId,
      actorUserId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      action: change.action,
      entity: change.entity,
      entityId: change.entityId,
      before: change.before ?? null,
      after: change.after ?? null,
    });
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PipelinedStatement } from '../../common/db/db.service';
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

  /** `record` as one plain statement, for a caller that sends it itself (with its COMMIT, on hot paths). */
  statement(change: AuditChange): PipelinedStatement {
    const actor = getActor();
    return {
      text: `insert into audit_log (tenant_id, actor_user_id, actor_role, action, entity, entity_id, before, after)
             values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      values: [
        change.tenantId,
        actor?.userId ?? null,
        actor?.role ?? null,
        change.action,
        change.entity,
        change.entityId,
        change.before ? JSON.stringify(change.before) : null,
        change.after ? JSON.stringify(change.after) : null,
      ],
    };
  }
}

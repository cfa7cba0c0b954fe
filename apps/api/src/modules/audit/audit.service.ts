import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Statement } from '../../common/db/statement';
import { getActor } from '../../common/tenancy/tenant-context';
import { AuditEntryEntity, PlatformAuditEntryEntity } from './entities/audit-entry.entity';

export interface AuditChange {
  /** The tenant the record belongs to; null for platform-level records (super-admins), kept in `platform_audit_log`. */
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
    await m.query(...this.statement(m, change));
  }

  /** The insert `record` sends, for a caller sending it with another write (`writeTogether`). */
  statement(m: EntityManager, change: AuditChange): Statement {
    const actor = getActor();
    const entry = {
      actorUserId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      action: change.action,
      entity: change.entity,
      entityId: change.entityId,
      before: change.before ?? null,
      after: change.after ?? null,
    };
    const insert = m.createQueryBuilder().insert();
    return change.tenantId === null
      ? insert.into(PlatformAuditEntryEntity).values(entry).getQueryAndParameters()
      : insert
          .into(AuditEntryEntity)
          .values({ tenantId: change.tenantId, ...entry })
          .getQueryAndParameters();
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Statement } from '../../common/db/statement';
import { getActor } from '../../common/tenancy/tenant-context';

export interface AuditChange {
  /** The tenant the record belongs to; null for platform-level records (super-admins), kept in `platform_audit_log`. */
  tenantId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: object;
  after?: object;
}

const ENTRY_COLUMNS = 'actor_user_id, actor_role, action, entity, entity_id, before, after';
const INSERT_TENANT_ENTRY = `insert into audit_log (tenant_id, ${ENTRY_COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`;
const INSERT_PLATFORM_ENTRY = `insert into platform_audit_log (${ENTRY_COLUMNS}) values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`;

/** Writes who changed what, inside the same transaction as the change itself. */
@Injectable()
export class AuditService {
  async record(m: EntityManager, change: AuditChange): Promise<void> {
    await m.query(...this.statement(change));
  }

  /** The insert `record` sends, for a caller sending it with another write (`writeTogether`). */
  statement(change: AuditChange): Statement {
    const actor = getActor();
    const entry = [
      actor?.userId ?? null,
      actor?.role ?? null,
      change.action,
      change.entity,
      change.entityId,
      change.before === undefined ? null : JSON.stringify(change.before),
      change.after === undefined ? null : JSON.stringify(change.after),
    ];
    return change.tenantId === null ? [INSERT_PLATFORM_ENTRY, entry] : [INSERT_TENANT_ENTRY, [change.tenantId, ...entry]];
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { OwnerOnly } from '../../common/access/access.decorators';
import { Db } from '../../common/db/db.service';
import { QueryInt } from '../../common/validation';
import { AuditEntryEntity } from './entities/audit-entry.entity';

class AuditQuery {
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 }) @QueryInt(1, 500) limit?: number;
  /** Return entries older than this entry id (for paging back). */
  @ApiPropertyOptional({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Entries older than this entry id' })
  @QueryInt(1, Number.MAX_SAFE_INTEGER)
  before?: number;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly db: Db) {}

  @Get()
  @OwnerOnly()
  list(@Query() query: AuditQuery) {
    return this.db.tx(async (m) => {
      const qb = m
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('a')
        .orderBy('a.id', 'DESC')
        .limit(query.limit ?? 100);
      if (query.before) qb.where('a.id < :before', { before: query.before });
      const rows = await qb.getMany();
      return {
        items: rows.map((row) => ({
          id: row.id,
          action: row.action,
          entity: row.entity,
          entityId: row.entityId,
          actor: { userId: row.actorUserId, role: row.actorRole },
          before: row.before,
          after: row.after,
          at: row.createdAt.toISOString(),
        })),
      };
    });
  }
}

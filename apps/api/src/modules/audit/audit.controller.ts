import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { OwnerOnly } from '../../common/access/access.decorators';
import { Db } from '../../common/db/db.service';
import { AuditEntryEntity } from './entities/audit-entry.entity';

class AuditQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  /** Return entries older than this entry id (for paging back). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) before?: number;
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

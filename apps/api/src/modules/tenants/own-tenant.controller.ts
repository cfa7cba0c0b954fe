import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Tenant } from '@frontdesk/contracts';
import { TenantMember } from '../../common/access/access.decorators';
import { Db } from '../../common/db/db.service';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { TenantEntity } from './entities/tenant.entity';
import { toTenant } from './tenants.service';

/** The signed-in user's own business (or the one a super-admin acts on). */
@ApiTags('tenant')
@ApiBearerAuth()
@Controller('api/v1/tenant')
export class OwnTenantController {
  constructor(private readonly db: Db) {}

  @Get()
  @TenantMember()
  get(): Promise<Tenant> {
    return this.db.tx(async (m) => toTenant(await m.findOneOrFail(TenantEntity, { where: { id: getTenantContext().tenantId } })));
  }
}

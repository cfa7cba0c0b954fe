import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ParseIdPipe } from '../../common/id.pipe';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PlatformAdmin } from '../../common/access/access.decorators';
import { CreateTenantDto, UpdateTenantDto } from './dto/tenant.dto';
import { TenantsService } from './tenants.service';

@ApiTags('tenants (super-admin)')
@ApiBearerAuth()
@Controller('api/v1/admin/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @HttpCode(201)
  @PlatformAdmin()
  create(@Body() dto: CreateTenantDto) {
    return this.tenants.create(dto);
  }

  @Get()
  @PlatformAdmin()
  list() {
    return this.tenants.list();
  }

  @Patch(':id')
  @PlatformAdmin()
  update(@Param('id', ParseIdPipe) id: string, @Body() dto: UpdateTenantDto) {
    return this.tenants.update(id, dto);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OwnerOnly, TenantMember } from '../../common/access/access.decorators';
import { ParseIdPipe } from '../../common/id.pipe';
import { CreateOverrideDto, OverrideRangeQuery } from './dto/override.dto';
import { RulesPipe } from './dto/rules.pipe';
import { OverridesService } from './overrides.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('api/v1/overrides')
export class OverridesController {
  constructor(private readonly overrides: OverridesService) {}

  @Get()
  @TenantMember()
  list(@Query(RulesPipe) range: OverrideRangeQuery) {
    return this.overrides.list(range);
  }

  @Post()
  @HttpCode(201)
  @OwnerOnly()
  create(@Body(RulesPipe) dto: CreateOverrideDto) {
    return this.overrides.create(dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @OwnerOnly()
  remove(@Param('id', ParseIdPipe) id: string) {
    return this.overrides.remove(id);
  }
}

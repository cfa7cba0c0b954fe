import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OwnerOnly, TenantMember } from '../../common/access/access.decorators';
import { BusinessHoursDto } from './dto/hours.dto';
import { RulesPipe } from './dto/rules.pipe';
import { HoursService } from './hours.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('api/v1/hours')
export class HoursController {
  constructor(private readonly hours: HoursService) {}

  @Get()
  @TenantMember()
  get() {
    return this.hours.get();
  }

  @Put()
  @OwnerOnly()
  replace(@Body(RulesPipe) dto: BusinessHoursDto) {
    return this.hours.replace(dto.weekly);
  }
}

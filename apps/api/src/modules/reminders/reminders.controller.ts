import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantMember } from '../../common/access/access.decorators';
import { ParseIdPipe } from '../../common/id.pipe';
import { getTenantContext } from '../../common/tenancy/tenant-context';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api/v1/bookings')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get(':id/reminders')
  @TenantMember()
  list(@Param('id', ParseIdPipe) id: string) {
    return this.reminders.list(getTenantContext().tenantId, id);
  }
}

import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OwnerOnly } from '../../common/access/access.decorators';
import { RulesPipe } from '../catalog/dto/rules.pipe';
import { ReminderSettingsDto } from './dto/reminder-settings.dto';
import { ReminderSettingsService } from './reminder-settings.service';

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('api/v1/settings')
export class ReminderSettingsController {
  constructor(private readonly settings: ReminderSettingsService) {}

  @Get('reminders')
  @OwnerOnly()
  get() {
    return this.settings.get();
  }

  @Put('reminders')
  @OwnerOnly()
  replace(@Body(RulesPipe) dto: ReminderSettingsDto) {
    return this.settings.replace(dto);
  }
}

import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { OwnerOnly, TenantMember } from '../../common/access/access.decorators';
import { RulesPipe } from './dto/rules.pipe';
import { BookingPolicyDto, ChannelSettingsDto } from './dto/settings.dto';
import { SettingsService } from './settings.service';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('api/v1/settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get('booking-policy')
  @TenantMember()
  bookingPolicy() {
    return this.settings.bookingPolicy();
  }

  @Put('booking-policy')
  @OwnerOnly()
  replaceBookingPolicy(@Body(RulesPipe) dto: BookingPolicyDto) {
    return this.settings.replaceBookingPolicy(dto);
  }

  @Get('channels')
  @TenantMember()
  channels() {
    return this.settings.channels();
  }

  @Put('channels')
  @OwnerOnly()
  replaceChannels(@Body() dto: ChannelSettingsDto) {
    return this.settings.replaceChannels(dto);
  }
}

import { Module } from '@nestjs/common';
import { HoursController } from './hours.controller';
import { HoursService } from './hours.service';
import { OverridesController } from './overrides.controller';
import { OverridesService } from './overrides.service';
import { ServicesController } from './services.controller';
import { ServicesService } from './services.service';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

/** What a business offers and when: services, staff, hours, overrides, booking policy, channels. */
@Module({
  controllers: [ServicesController, StaffController, HoursController, OverridesController, SettingsController],
  providers: [ServicesService, StaffService, HoursService, OverridesService, SettingsService],
  exports: [ServicesService, StaffService, HoursService, OverridesService, SettingsService],
})
export class CatalogModule {}

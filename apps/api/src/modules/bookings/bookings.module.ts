import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { PublicProfileModule } from '../public-profile/public-profile.module';
import { AvailabilityService } from './availability.service';
import { BookingsController } from './bookings.controller';
import { BookingsService } from './bookings.service';
import { HoldSweeper } from './hold-sweeper';
import { ManageLinks } from './manage-links';
import { PublicBookingsController } from './public-bookings.controller';
import { ScheduleRepository } from './schedule.repository';
import { SlugHints } from './slug-hints';

@Module({
  imports: [CustomersModule, PublicProfileModule],
  controllers: [BookingsController, PublicBookingsController],
  providers: [BookingsService, AvailabilityService, ScheduleRepository, ManageLinks, HoldSweeper, SlugHints],
  exports: [BookingsService, AvailabilityService],
})
export class BookingsModule {}

import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { RemindersModule } from '../reminders/reminders.module';
import { PublicProfileModule } from '../public-profile/public-profile.module';
import { AvailabilityService } from './availability.service';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { ManageBookingsService } from './manage-bookings.service';
import { HoldSweeper } from './hold-sweeper';
import { OutcomeSweeper } from './outcome-sweeper';
import { IdempotencyKeySweeper } from './idempotency-key-sweeper';
import { IdempotencyKeys } from './idempotency-keys';
import { ManageLinks } from './manage-links';
import { PublicBookingsController } from './public-bookings.controller';
import { ScheduleRepository } from './schedule.repository';

@Module({
  imports: [CustomersModule, PublicProfileModule, RemindersModule],
  controllers: [BookingsController, PublicBookingsController],
  providers: [
    BookingsService,
    BookingsRepository,
    ManageBookingsService,
    AvailabilityService,
    ScheduleRepository,
    ManageLinks,
    HoldSweeper,
    OutcomeSweeper,
    IdempotencyKeys,
    IdempotencyKeySweeper,
  ],
  exports: [BookingsService, BookingsRepository, AvailabilityService, ScheduleRepository],
})
export class BookingsModule {}

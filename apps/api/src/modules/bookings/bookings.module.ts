import { forwardRef, Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { PaymentsModule } from '../payments/payments.module';
import { DepositCheckout } from './deposit-checkout';
import { PaymentNotices } from './payment-notices';
import { PaymentOutcomes } from './payment-outcomes';
import { PaymentSweeper } from './payment-sweeper';
import { Refunds } from './refunds';
import { PublicProfileModule } from '../public-profile/public-profile.module';
import { AvailabilityService } from './availability.service';
import { BookingAlternatives } from './booking-alternatives.service';
import { BookingChanges } from './booking-changes.service';
import { BookingsController } from './bookings.controller';
import { BookingsRepository } from './bookings.repository';
import { BookingsService } from './bookings.service';
import { ManageBookingsService } from './manage-bookings.service';
import { HoldSweeper } from './hold-sweeper';
import { OutcomeSweeper } from './outcome-sweeper';
import { UnconfirmedRiskSweeper } from './unconfirmed-risk-sweeper';
import { IdempotencyKeySweeper } from './idempotency-key-sweeper';
import { IdempotencyKeys } from './idempotency-keys';
import { ManageLinks } from './manage-links';
import { PublicBookingsController } from './public-bookings.controller';
import { ScheduleRepository } from './schedule.repository';

@Module({
  imports: [CustomersModule, PublicProfileModule, forwardRef(() => PaymentsModule)],
  controllers: [BookingsController, PublicBookingsController],
  providers: [
    BookingsService,
    BookingAlternatives,
    BookingChanges,
    BookingsRepository,
    DepositCheckout,
    PaymentOutcomes,
    PaymentNotices,
    PaymentSweeper,
    Refunds,
    ManageBookingsService,
    AvailabilityService,
    ScheduleRepository,
    ManageLinks,
    HoldSweeper,
    OutcomeSweeper,
    UnconfirmedRiskSweeper,
    IdempotencyKeys,
    IdempotencyKeySweeper,
  ],
  exports: [BookingsService, BookingChanges, PaymentOutcomes, BookingsRepository, AvailabilityService, ScheduleRepository],
})
export class BookingsModule {}

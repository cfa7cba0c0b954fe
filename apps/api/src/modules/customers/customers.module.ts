import { Module } from '@nestjs/common';
import { CustomersController } from './customers.controller';
import { BookingsRepository } from '../bookings/bookings.repository';
import { CustomersService } from './customers.service';
import { RemindersModule } from '../reminders/reminders.module';

@Module({
  imports: [RemindersModule],
  controllers: [CustomersController],
  providers: [CustomersService, BookingsRepository],
  exports: [CustomersService],
})
export class CustomersModule {}

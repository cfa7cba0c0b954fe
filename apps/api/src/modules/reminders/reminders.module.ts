import { Module } from '@nestjs/common';
import { ReminderDispatcher } from './reminder-dispatcher';
import { ReminderSettingsController } from './reminder-settings.controller';
import { ReminderSettingsService } from './reminder-settings.service';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';

/** Reminders before appointments: settings, planned rows, the dispatcher that hands them to the outbox. */
@Module({
  controllers: [ReminderSettingsController, RemindersController],
  providers: [RemindersService, ReminderSettingsService, ReminderDispatcher],
  exports: [RemindersService],
})
export class RemindersModule {}

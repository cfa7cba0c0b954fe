import { Module } from '@nestjs/common';
import { CalendarFeedsService } from './calendar-feeds.service';
import { CalendarLinksController, StaffCalendarsController } from './calendars.controller';
import { CalendarSyncWorker } from './calendar-sync-worker';
import { googleCalendarProvider } from './google-calendar.provider';
import { GoogleConnectionsService } from './google-connections.service';
import { GoogleSync } from './google-sync';
import { SignedTokens } from './signed-tokens';
import { TokenCipher } from './token-cipher';

/** Staff calendars: secret ICS feeds, and two-way Google Calendar sync. */
@Module({
  controllers: [StaffCalendarsController, CalendarLinksController],
  providers: [
    googleCalendarProvider,
    CalendarFeedsService,
    GoogleConnectionsService,
    GoogleSync,
    CalendarSyncWorker,
    SignedTokens,
    TokenCipher,
  ],
})
export class CalendarsModule {}

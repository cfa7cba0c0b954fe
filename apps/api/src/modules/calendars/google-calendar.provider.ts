import type { Provider } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { GoogleCalendarClient } from './google-calendar.client';

/** The Google client, or null when `GOOGLE_CLIENT_ID` is not set (sync unavailable). */
export const GOOGLE_CALENDAR = Symbol('GOOGLE_CALENDAR');

export const GOOGLE_CALLBACK_PATH = '/api/v1/integrations/google/callback';

export const googleCalendarProvider: Provider = {
  provide: GOOGLE_CALENDAR,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) =>
    config.google ? new GoogleCalendarClient(config.google, `${config.publicBaseUrl}${GOOGLE_CALLBACK_PATH}`) : null,
};

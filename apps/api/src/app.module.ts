import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { type Clock, ClockModule, SystemClock } from './common/clock';
import { CommonModule } from './common/common.module';
import type { AppConfig } from './config/config';
import { runRequest } from './common/tenancy/tenant-context';
import { ConfigModule } from './config/config.module';
import { appDataSourceOptions } from './database/data-source';
import { AnalyticsModule } from './modules/analytics/analytics.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BookingsModule } from './modules/bookings/bookings.module';
import { CalendarsModule } from './modules/calendars/calendars.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { ChannelsModule } from './modules/channels/channels.module';
import { ConversationsModule } from './modules/conversations/conversations.module';
import { CustomersModule } from './modules/customers/customers.module';
import { HealthModule } from './modules/health/health.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { PaymentsModule } from './modules/payments/payments.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { PublicProfileModule } from './modules/public-profile/public-profile.module';
import { TenantsModule } from './modules/tenants/tenants.module';
import { WebChatModule } from './modules/web-chat/web-chat.module';

/**
 * Every route, in Nest 12's path syntax: nestjs-pino's default (`{/*splat}`) matches none here,
 * which left requests unlogged and other log lines without their request id.
 */
const ALL_ROUTES = { path: '*path', method: RequestMethod.ALL };

@Module({})
export class AppModule implements NestModule {
  /** Each request runs in a tenant context of its own, which the access guard fills. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply((_request: unknown, _reply: unknown, next: () => void) => runRequest(next)).forRoutes(ALL_ROUTES);
  }

  static forRoot(config: AppConfig, databaseUrl: string, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          forRoutes: [ALL_ROUTES],
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
            redact: [
              'req.headers.authorization',
              'req.headers.cookie',
              'req.headers["x-twilio-signature"]',
              'req.headers["stripe-signature"]',
            ],
            // Probes and scrapes come every few seconds and say nothing about the traffic.
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') === true || req.url === '/metrics' },
          },
        }),
        TypeOrmModule.forRoot(appDataSourceOptions(databaseUrl, config.databasePoolSize)),
        ScheduleModule.forRoot(),
        ClockModule.forRoot(clock),
        CommonModule,
        AuditModule,
        HealthModule,
        MetricsModule,
        AuthModule,
        TenantsModule,
        CatalogModule,
        PublicProfileModule,
        BookingsModule,
        CustomersModule,
        AnalyticsModule,
        ConversationsModule,
        ChannelsModule,
        RemindersModule,
        WebChatModule,
        PaymentsModule,
        CalendarsModule,
      ],
    };
  }
}

import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { Db } from '../../common/db/db.service';

/** Seconds; from a fast cached answer to a request waiting on a slow provider. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The contract's Prometheus series (spec "Operations"), in a registry of this app's own (tests
 * run several apps in one process). Labels take values from small fixed sets only: route
 * templates, never URLs, and no tenant ids or phone numbers.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  private readonly httpRequests = new Counter({
    name: 'frontdesk_http_requests_total',
    help: 'HTTP requests answered, by route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'frontdesk_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by route template',
    labelNames: ['method', 'route'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly messagesSent = new Counter({
    name: 'frontdesk_messages_sent_total',
    help: 'Outbox send attempts by channel and outcome (sent, retry, failed)',
    labelNames: ['channel', 'status'] as const,
    registers: [this.registry],
  });
  private readonly reminders = new Counter({
    name: 'frontdesk_reminders_total',
    help: 'Due reminders handled, by what became of them',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly bookingsCreated = new Counter({
    name: 'frontdesk_bookings_created_total',
    help: 'Bookings made, by source and the status they were made in',
    labelNames: ['source', 'status'] as const,
    registers: [this.registry],
  });
  private readonly stripeEvents = new Counter({
    name: 'frontdesk_stripe_webhook_events_total',
    help: 'Stripe webhook events received, by type and outcome (handled, duplicate, no_business)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(db: Db, dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const pool = (dataSource.driver as PostgresDriver).master as {
      totalCount: number;
      idleCount: number;
      waitingCount: number;
    };
    new Gauge({
      name: 'frontdesk_db_pool_connections',
      help: "The app's database pool: connections in use, idle, and requests waiting for one",
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        this.set({ state: 'active' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    // Both outbox gauges come from one query per scrape.
    let outbox: Promise<{ pending: number; oldestAgeSeconds: number }> | undefined;
    const outboxStats = () => {
      outbox ??= db.outboxStats().finally(() => setImmediate(() => (outbox = undefined)));
      return outbox;
    };
    new Gauge({
      name: 'frontdesk_outbox_pending',
      help: 'Outbound messages of every business waiting to be sent',
      registers: [this.registry],
      async collect() {
        this.set((await outboxStats()).pending);
      },
    });
    new Gauge({
      name: 'frontdesk_outbox_oldest_age_seconds',
      help: 'How long the oldest outbound message still waiting has waited',
      registers: [this.registry],
      async collect() {
        this.set((await outboxStats()).oldestAgeSeconds);
      },
    });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpDuration.observe({ method, route }, seconds);
  }

  messageAttempted(channel: string, status: 'sent' | 'retry' | 'failed'): void {
    this.messagesSent.inc({ channel, status });
  }

  reminderHandled(status: string, count = 1): void {
    this.reminders.inc({ status }, count);
  }

  bookingCreated(source: string, status: string): void {
    this.bookingsCreated.inc({ source, status });
  }

  stripeEvent(type: string, outcome: 'handled' | 'duplicate' | 'no_business'): void {
    this.stripeEvents.inc({ type, outcome });
  }
}

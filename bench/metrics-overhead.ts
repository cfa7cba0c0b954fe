/**
 * The per-request cost of the HTTP metrics: what the `onResponse` hook does for every answer
 * (`Metrics.observeRequest`: a counter increment and a histogram observation, labelled by route
 * template), on the app's own Metrics class, plus the cost of one scrape of its registry.
 *
 *   node -r @swc-node/register bench/metrics-overhead.ts
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import type { Db } from '../apps/api/src/common/db/db.service';
import { Metrics } from '../apps/api/src/modules/metrics/metrics.service';

const ROUTES = ['/api/v1/bookings/:id', '/api/v1/public/:slug/availability', '/api/v1/public/:slug/chat', '/health', 'unmatched'];
const STATUSES = [200, 201, 404, 409, 429];
const CALLS = 1_000_000;

// The pool and outbox gauges are read only at scrape time; stand-ins with the same shape serve here.
const dataSource = { driver: { master: { totalCount: 10, idleCount: 7, waitingCount: 0 } } } as unknown as DataSource;
const db = { outboxStats: () => Promise.resolve({ pending: 3, oldestAgeSeconds: 12 }) } as unknown as Db;

async function main() {
  const metrics = new Metrics(db, dataSource);
  for (let i = 0; i < 10_000; i++) metrics.observeRequest('GET', ROUTES[i % 5], STATUSES[i % 5], 0.01);

  const started = performance.now();
  for (let i = 0; i < CALLS; i++) {
    metrics.observeRequest(i % 3 ? 'GET' : 'POST', ROUTES[i % ROUTES.length], STATUSES[i % STATUSES.length], (i % 100) / 1000);
  }
  const perCallNs = ((performance.now() - started) * 1e6) / CALLS;

  const scrapes = 200;
  const scrapeStarted = performance.now();
  let bytes = 0;
  for (let i = 0; i < scrapes; i++) bytes = (await metrics.registry.metrics()).length;
  const perScrapeMs = (performance.now() - scrapeStarted) / scrapes;

  console.log(
    `observeRequest: ${perCallNs.toFixed(0)} ns per request (${CALLS.toLocaleString()} calls, 5 routes × 5 statuses × 2 methods)`,
  );
  console.log(`scrape: ${perScrapeMs.toFixed(2)} ms per /metrics body (${(bytes / 1024).toFixed(0)} KiB)`);
}

void main();

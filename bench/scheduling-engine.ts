/**
 * Slot engine benchmark: one availability page at its largest.
 *
 *   cd /work/main && node -r @swc-node/register bench/scheduling-engine.ts
 *
 * 31 days, 10 staff working 09:00–12:30 and 13:30–19:00 every day, 2,000
 * existing bookings spread over them, a 15-minute grid and a 30-minute service
 * with 5 + 10 minutes of buffers, in America/New_York across the March DST
 * change. Target: under 5 ms per call. Prints median and p95 per call.
 */
import { performance } from 'node:perf_hooks';
import { WEEKDAYS } from '@frontdesk/contracts';
import type { WeeklyHours } from '@frontdesk/contracts';
import { computeSlots } from '@frontdesk/scheduling';
import type { BlockedRange, SlotQuery } from '@frontdesk/scheduling';

const TIMEZONE = 'America/New_York';
const FROM = '2026-03-01';
const TO = '2026-03-31';
const STAFF = 10;
const BOOKINGS = 2_000;
const WARMUP_CALLS = 50;
const MEASURED_CALLS = 500;

// Deterministic so runs are comparable (mulberry32).
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildQuery(): SlotQuery {
  const hours = Object.fromEntries(
    WEEKDAYS.map((weekday) => [
      weekday,
      [
        { start: '09:00', end: '12:30' },
        { start: '13:30', end: '19:00' },
      ],
    ]),
  ) as WeeklyHours;
  const staff = Array.from({ length: STAFF }, (_, i) => ({ id: `staff-${String(i).padStart(2, '0')}`, hours: null }));

  // Bookings land on the 15-minute grid inside working hours (New York is
  // UTC-5/-4, so 14:00Z–23:00Z covers the working day), 30–90 minutes long.
  const next = random(42);
  const bookings: BlockedRange[] = [];
  const firstDay = Date.parse(`${FROM}T00:00:00Z`);
  for (let i = 0; i < BOOKINGS; i++) {
    const day = Math.floor(next() * 31);
    const start = firstDay + day * 86_400_000 + (14 * 60 + Math.floor(next() * 36) * 15) * 60_000;
    const minutes = 30 + Math.floor(next() * 5) * 15;
    bookings.push({
      staffId: staff[Math.floor(next() * STAFF)].id,
      blockedStart: new Date(start - 5 * 60_000),
      blockedEnd: new Date(start + (minutes + 10) * 60_000),
    });
  }

  return {
    timezone: TIMEZONE,
    from: FROM,
    to: TO,
    now: new Date('2026-02-28T12:00:00Z'),
    policy: { minNoticeMinutes: 120, maxAdvanceDays: 60, slotIntervalMinutes: 15, sameDayCutoff: null },
    businessHours: hours,
    service: { id: 'svc', durationMinutes: 30, bufferBeforeMinutes: 5, bufferAfterMinutes: 10 },
    staff,
    overrides: [
      { date: '2026-03-17', kind: 'closed', start: null, end: null, staffId: null },
      { date: '2026-03-20', kind: 'closed', start: '15:00', end: '16:00', staffId: 'staff-03' },
      { date: '2026-03-22', kind: 'open', start: '19:00', end: '21:00', staffId: null },
    ],
    bookings,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function main(): void {
  const query = buildQuery();
  let slots = 0;
  for (let i = 0; i < WARMUP_CALLS; i++) slots = computeSlots(query).length;

  const times: number[] = [];
  for (let i = 0; i < MEASURED_CALLS; i++) {
    const started = performance.now();
    computeSlots(query);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);

  console.log(`computeSlots: ${STAFF} staff, 31 days, ${BOOKINGS} bookings, 15-min grid → ${slots} slots per call`);
  console.log(
    `${MEASURED_CALLS} calls after ${WARMUP_CALLS} warm-up: median ${percentile(times, 50).toFixed(3)} ms, ` +
      `p95 ${percentile(times, 95).toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms`,
  );
}

if (process.env.PROFILE) {
  const q = buildQuery();
  for (let i = 0; i < 3000; i++) computeSlots(q);
} else main();

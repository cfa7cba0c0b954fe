/**
 * The worst public availability request we can build, and what it does to everyone else.
 *
 * A tenant open 00:00–23:59 every day with STAFF staff members (default 600, or as many as
 * its active staff limit allows), a 5-minute service on the finest grid the booking policy
 * allows (5 minutes; 1 is refused), asked anonymously for 31 days. Prints that request's time
 * and answer size, then runs LOOPS (default 8) back-to-back loops of it for SECONDS (default
 * 10) while one client polls GET /health and another an ordinary tenant's 1-day availability,
 * one request at a time each: their latencies, next to the same polls with no attack running,
 * and the server's event-loop delay (perf_hooks.monitorEventLoopDelay, preloaded from
 * bench/event-loop-probe.js).
 *
 * Run: cd <worktree> && node -r @swc-node/register bench/worst-availability.ts [STAFF=600] [LOOPS=8] [SECONDS=10]
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { Agent, request } from 'undici';
import { benchServer } from './bench-server';

const ZONE = 'America/New_York';
const ALL_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '23:59' }]]),
);
const day = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n }).toISODate()!;

interface Timing {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

function timing(latencies: number[]): Timing {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  return { count: sorted.length, p50: at(50), p99: at(99), max: sorted[sorted.length - 1] ?? NaN };
}

const describe = (name: string, t: Timing) =>
  `${name.padEnd(44)} p50 ${t.p50.toFixed(1).padStart(7)} ms   p99 ${t.p99.toFixed(1).padStart(7)} ms   max ${t.max
    .toFixed(1)
    .padStart(7)} ms   (${t.count} requests)`;

/** GETs `url` one request at a time until `until` resolves; the latency of each. */
async function poll(url: string, until: Promise<unknown>, statuses: Record<number, number>): Promise<number[]> {
  const agent = new Agent({ connections: 1 });
  let done = false;
  void until.then(() => (done = true));
  const latencies: number[] = [];
  while (!done) {
    const t0 = performance.now();
    const res = await request(url, { dispatcher: agent });
    await res.body.dump();
    statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
    latencies.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  await agent.close();
  return latencies;
}

/** One GET: its time, status and the size of its body. */
async function once(url: string): Promise<{ ms: number; status: number; bytes: number; body: string }> {
  const t0 = performance.now();
  const res = await request(url, { headersTimeout: 120_000, bodyTimeout: 120_000 });
  const body = await res.body.text();
  return { ms: performance.now() - t0, status: res.statusCode, bytes: Buffer.byteLength(body), body };
}

async function main() {
  const staffCount = Number(process.argv[2] ?? 600);
  const loops = Number(process.argv[3] ?? 8);
  const seconds = Number(process.argv[4] ?? 10);
  const probeFile = join(mkdtempSync(join(tmpdir(), 'frontdesk-eld-')), 'event-loop.json');
  const {
    server,
    api,
    tenant: other,
  } = await benchServer({
    NODE_OPTIONS: `--require ${join(__dirname, 'event-loop-probe.js')}`,
    EVENT_LOOP_PROBE_FILE: probeFile,
  });
  const eventLoop = async () => {
    process.kill(server.pid!, 'SIGWINCH');
    await new Promise((r) => setTimeout(r, 200));
    const s = JSON.parse(readFileSync(probeFile, 'utf8')) as { p50: number; p99: number; max: number };
    return `server event-loop delay: p50 ${s.p50} ms, p99 ${s.p99} ms, max ${s.max} ms`;
  };
  try {
    const { tenant, ownerToken: token } = await api.createTenant({ timezone: ZONE });
    const ok = async (res: Promise<{ status: number; body: any }>) => {
      const r = await res;
      if (r.status >= 300) throw new Error(`setup answered ${r.status}: ${JSON.stringify(r.body)}`);
      return r.body;
    };
    await ok(api.request('PUT', '/api/v1/hours', { token, body: { weekly: ALL_DAY } }));
    await ok(
      api.request('PUT', '/api/v1/settings/booking-policy', {
        token,
        body: {
          minNoticeMinutes: 0,
          maxAdvanceDays: 60,
          slotIntervalMinutes: 5,
          sameDayCutoff: null,
          cancellationNoticeHours: 0,
        },
      }),
    );
    const service = await ok(
      api.request('POST', '/api/v1/services', { token, body: { name: 'Quick check', durationMinutes: 5, priceCents: 100 } }),
    );
    // The owner is the first; a business may refuse more than its active staff limit (409).
    let staff = 1;
    for (; staff < staffCount; staff++) {
      const res = await api.request('POST', '/api/v1/staff', {
        token,
        body: { name: `Staff ${staff}`, serviceIds: null, hours: null },
      });
      if (res.status === 409) break;
      if (res.status !== 201) throw new Error(`staff answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    const worstUrl = `${server.baseUrl}/api/v1/public/${tenant.slug}/availability?serviceId=${service.id}&from=${day(1)}&to=${day(31)}`;
    const otherUrl = `${server.baseUrl}/api/v1/public/${other.tenant.slug}/availability?serviceId=${other.serviceId}&from=${day(2)}&to=${day(2)}`;
    const healthUrl = `${server.baseUrl}/health`;

    console.log(
      `worst request: ${staff} staff (${staffCount} asked for), 5-minute service on a 5-minute grid, open 00:00–23:59, 31 days`,
    );
    for (let i = 0; i < 3; i++) {
      const r = await once(worstUrl);
      let shape = '';
      try {
        const parsed = JSON.parse(r.body) as { slots?: unknown[]; nextFrom?: string | null; code?: string };
        shape = parsed.slots ? `${parsed.slots.length} slots, nextFrom ${String(parsed.nextFrom)}` : `code ${parsed.code}`;
      } catch {
        shape = 'unparseable body';
      }
      console.log(`  run ${i + 1}: ${r.status} in ${r.ms.toFixed(0)} ms, ${(r.bytes / 1e6).toFixed(2)} MB (${shape})`);
    }

    const quiet = new Promise((r) => setTimeout(r, Math.min(seconds, 5) * 1000));
    await eventLoop();
    const quietStatuses: Record<number, number> = {};
    const [quietHealth, quietOther] = await Promise.all([
      poll(healthUrl, quiet, quietStatuses),
      poll(otherUrl, quiet, quietStatuses),
    ]);
    console.log('no attack:');
    console.log(`  ${describe('GET /health', timing(quietHealth))}`);
    console.log(`  ${describe("another tenant's 1-day availability", timing(quietOther))}`);
    console.log(`  ${await eventLoop()}`);

    const attackEnds = Date.now() + seconds * 1000;
    const attackStatuses: Record<number, number> = {};
    let attackErrors = 0;
    const attack = Promise.all(
      Array.from({ length: loops }, async () => {
        while (Date.now() < attackEnds) {
          try {
            const r = await once(worstUrl);
            attackStatuses[r.status] = (attackStatuses[r.status] ?? 0) + 1;
          } catch {
            attackErrors++;
          }
        }
      }),
    );
    const pollStatuses: Record<number, number> = {};
    const [health, otherDay] = await Promise.all([poll(healthUrl, attack, pollStatuses), poll(otherUrl, attack, pollStatuses)]);
    console.log(
      `during ${loops} loops of the worst request for ${seconds} s (their statuses ${JSON.stringify(attackStatuses)}${attackErrors ? `, ${attackErrors} errors` : ''}):`,
    );
    console.log(`  ${describe('GET /health', timing(health))}`);
    console.log(`  ${describe("another tenant's 1-day availability", timing(otherDay))}`);
    console.log(`  ${await eventLoop()}`);
    console.log(`  poll statuses ${JSON.stringify(pollStatuses)}, quiet ${JSON.stringify(quietStatuses)}`);
  } finally {
    await server.stop();
  }
}

void main();

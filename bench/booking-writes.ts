/**
 * Public booking writes over HTTP, against a real server process (embedded Postgres, fsync on).
 *
 *   cd /work/main && node -r @swc-node/register bench/booking-writes.ts [seconds=10]
 *
 * (a) Sustained creates: 50 connections, each POSTing /api/v1/public/:slug/bookings for the
 *     next free slot of a grid that never conflicts (50 staff × 11 back-to-back starts a day ×
 *     up to a year ahead), every booking by a different customer. Target: at least 300/s.
 * (b) Races: 50 POSTs for the same staff member and start at the same moment; the time until
 *     all 50 have answered, and the statuses (exactly one 201 expected, the rest 409).
 * GET /health of the same app is measured in the same run for scale, and the server's CPU time
 * per request (its node process and its Postgres) is printed under each: on a shared machine
 * requests/s follow the neighbours' load, CPU per request much less.
 */
import { customer } from '../test/booking-fixtures';
import { benchServer } from './bench-server';
import { burst, describeLoad, load, withServerCpu } from './load';

const CONNECTIONS = 50;
const STAFF = 50;
/** The service is 30 minutes with 15 minutes of buffer after: back-to-back starts 45 minutes apart, 09:00–16:30. */
const STARTS_PER_DAY = 11;
const RACERS = 50;
const RACE_ROUNDS = 5;

const time = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** A distinct, valid phone number per customer index. */
const phone = (n: number) => `+1 212 ${500 + Math.floor(n / 10_000)} ${String(n % 10_000).padStart(4, '0')}`;

/** The server's log lines about failures, for a result that is not the expected one. */
const serverErrors = (output: string) =>
  output
    .split('\n')
    .filter((line) => /"level":(50|60)|error/i.test(line))
    .slice(-10)
    .map((line) => `  server: ${line.slice(0, 600)}`)
    .join('\n');

async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  const { server, api, tenant } = await benchServer();
  try {
    const slug = tenant.tenant.slug;
    const token = tenant.ownerToken;
    const staffIds: string[] = [...tenant.staffIds];
    while (staffIds.length < STAFF) {
      const res = await api.request('POST', '/api/v1/staff', {
        token,
        body: { name: `Staff ${staffIds.length + 1}`, serviceIds: null, hours: null },
      });
      if (res.status !== 201) throw new Error(`creating staff answered ${res.status}: ${JSON.stringify(res.body)}`);
      staffIds.push(res.body.id as string);
    }

    // Slot n: consecutive requests go to different staff, then later starts, then later days.
    const slot = (n: number) => {
      const staffId = staffIds[n % STAFF];
      const start = Math.floor(n / STAFF) % STARTS_PER_DAY;
      const day = 1 + Math.floor(n / (STAFF * STARTS_PER_DAY));
      return { staffId, start: tenant.at(tenant.day(day), time(9 * 60 + start * 45)) };
    };
    let next = 0;
    const booking = (n: number) => ({ serviceId: tenant.serviceId, ...slot(n), customer: customer(phone(n), `Customer ${n}`) });
    const url = `${server.baseUrl}/api/v1/public/${slug}/bookings`;

    const check = await api.request('POST', url.slice(server.baseUrl.length), { body: booking(next++) });
    if (check.status !== 201) throw new Error(`a booking answered ${check.status}: ${JSON.stringify(check.body)}`);

    const warm = await load({ url, method: 'POST', connections: CONNECTIONS, seconds: 2, body: (i) => booking(next + i) });
    next += warm.requests;
    const creates = await withServerCpu(() =>
      load({ url, method: 'POST', connections: CONNECTIONS, seconds, body: (i) => booking(next + i) }),
    );
    next += creates.requests;
    const health = await withServerCpu(() =>
      load({ url: `${server.baseUrl}/health`, connections: CONNECTIONS, seconds: Math.min(seconds, 5) }),
    );
    console.log(describeLoad('POST booking (distinct slots)', creates));
    console.log(`  ${creates.cpu}`);
    console.log(describeLoad('GET /health (trivial, same app)', health));
    console.log(`  ${health.cpu}`);
    console.log(`bookings created: ${((creates.statuses[201] ?? 0) / creates.seconds).toFixed(0)}/s (target ≥ 300/s)`);

    // Races on slots far beyond the ones used above, each round on its own slot.
    const raceDay = tenant.day(300);
    const rounds: number[] = [];
    for (let round = 0; round < RACE_ROUNDS; round++) {
      const contested = { staffId: staffIds[round % STAFF], start: tenant.at(raceDay, time(9 * 60 + round * 45)) };
      const race = await burst({
        url,
        warmUrl: `${server.baseUrl}/health`,
        method: 'POST',
        count: RACERS,
        body: (i) => ({
          serviceId: tenant.serviceId,
          ...contested,
          customer: customer(phone(100_000 + round * RACERS + i), `Racer ${i}`),
        }),
      });
      rounds.push(race.ms);
      const verdict = race.statuses[201] === 1 && race.statuses[409] === RACERS - 1 && !race.errors ? 'ok' : 'UNEXPECTED';
      console.log(
        `${RACERS}-way race on one slot, round ${round + 1}: all answered in ${race.ms.toFixed(1).padStart(6)} ms   statuses ${JSON.stringify(race.statuses)}${race.errors ? `, ${race.errors} errors` : ''}   ${verdict}`,
      );
      // The server logs what went wrong (never the answers): show it next to the surprise.
      if (verdict !== 'ok') console.log(serverErrors(server.output()));
    }
    rounds.sort((a, b) => a - b);
    console.log(
      `race resolution: median ${rounds[Math.floor(rounds.length / 2)].toFixed(1)} ms, worst ${rounds[rounds.length - 1].toFixed(1)} ms`,
    );
  } finally {
    await server.stop();
  }
}

void main();

/**
 * Public availability over HTTP: 7 days at 50 concurrent connections, next to GET /health
 * (a trivial endpoint of the same app) measured in the same run, each with the server's CPU
 * time per request (its node process and its Postgres; see `serverCpu` in load.ts).
 * Run: cd /work/main && node -r @swc-node/register bench/http-availability.ts [seconds=10]
 */
import { customer } from '../test/booking-fixtures';
import { benchServer } from './bench-server';
import { describeLoad, load, withServerCpu } from './load';

async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  const { server, api, tenant } = await benchServer();
  try {
    // Some existing bookings so the engine has blocked time to step around.
    for (let day = 1; day <= 7; day++) {
      for (const time of ['09:00', '11:00', '14:00']) {
        await api.request('POST', `/api/v1/public/${tenant.tenant.slug}/bookings`, {
          body: { serviceId: tenant.serviceId, start: tenant.at(tenant.day(day), time), customer: customer() },
        });
      }
    }
    const url = `${server.baseUrl}/api/v1/public/${tenant.tenant.slug}/availability?serviceId=${tenant.serviceId}&from=${tenant.day(1)}&to=${tenant.day(7)}`;
    const check = await api.request('GET', url.slice(server.baseUrl.length));
    console.log(`availability answer: ${check.status}, ${check.body.slots.length} slots over 7 days`);

    await load({ url, connections: 50, seconds: 2 }); // warm-up
    const availability = await withServerCpu(() => load({ url, connections: 50, seconds }));
    const health = await withServerCpu(() => load({ url: `${server.baseUrl}/health`, connections: 50, seconds }));
    console.log(describeLoad('GET availability (7 days)', availability));
    console.log(`  ${availability.cpu}`);
    console.log(describeLoad('GET /health (trivial, same app)', health));
    console.log(`  ${health.cpu}`);
    console.log(`availability / trivial throughput: ${(availability.perSecond / health.perSecond).toFixed(2)}`);
  } finally {
    await server.stop();
  }
}

void main();

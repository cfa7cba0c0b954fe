import { Lifecycle } from '../../common/lifecycle/lifecycle.service';
import { TestApp } from '../../../../../test/harness';

describe('readiness', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('is 503 while starting, 200 once ready, 503 while draining; liveness answers throughout', async () => {
    const lifecycle = t.app.get(Lifecycle);
    const probe = async () => ({
      live: (await t.request('GET', '/health/live')).status,
      ready: await t.request('GET', '/health/ready'),
    });

    let now = await probe();
    expect(now.live).toBe(200);
    expect(now.ready).toMatchObject({ status: 503, body: { statusCode: 503, code: 'not_ready', status: 'starting' } });

    lifecycle.markReady();
    now = await probe();
    expect(now.ready).toMatchObject({ status: 200, body: { status: 'ready', db: 'up' } });

    expect(await lifecycle.drain(1000)).toBe(true);
    now = await probe();
    expect(now.live).toBe(200);
    expect(now.ready).toMatchObject({ status: 503, body: { code: 'not_ready', status: 'draining' } });
    expect((await t.request('GET', '/health')).status).toBe(200);
    expect(await t.request('GET', '/api/v1/public/no-such-business')).toMatchObject({
      status: 503,
      body: { statusCode: 503, code: 'shutting_down' },
    });
  });
});

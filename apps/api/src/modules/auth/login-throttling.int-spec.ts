import { SUPERADMIN, TestApp } from '../../../../../test/harness';
import { LOGIN_FAILURES_PER_PAIR } from '../../common/access/rate-limits.service';

/** Requests come through a trusted proxy (inject's 127.0.0.1), so X-Forwarded-For is the client's IP. */
const login = (t: TestApp, email: string, password: string, ip: string) =>
  t.request('POST', '/api/v1/auth/login', { body: { email, password }, headers: { 'x-forwarded-for': ip } });

describe('failed sign-ins cannot lock the owner out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ TRUSTED_PROXIES: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it.each([
    ['a business owner', async () => ({ email: (await t.createTenant()).ownerEmail, password: 'owner-password' }), '203.0.113'],
    ['the super-admin', () => Promise.resolve(SUPERADMIN), '198.51.100'],
  ])("throttles a stranger's IP, while %s signs in from another", async (_who, account, net) => {
    const { email, password } = await account();
    const stranger = `${net}.66`;
    const owner = `${net}.10`;
    for (let i = 0; i < LOGIN_FAILURES_PER_PAIR; i++) {
      expect((await login(t, email, `guess-${i}-wrong`, stranger)).status).toBe(401);
    }
    const throttled = await login(t, email, password, stranger);
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ code: 'rate_limited', retryAfterSeconds: expect.any(Number) });

    expect((await login(t, email, password, owner)).status).toBe(200);
    expect((await login(t, email, password, stranger)).status).toBe(429);
  });

  it("clears a pair's failures when it signs in", async () => {
    const { ownerEmail } = await t.createTenant();
    const ip = '192.0.2.7';
    for (let i = 0; i < LOGIN_FAILURES_PER_PAIR - 1; i++)
      expect((await login(t, ownerEmail, `typo-${i}-x`, ip)).status).toBe(401);
    expect((await login(t, ownerEmail, 'owner-password', ip)).status).toBe(200);
    for (let i = 0; i < LOGIN_FAILURES_PER_PAIR - 1; i++)
      expect((await login(t, ownerEmail, `typo-${i}-y`, ip)).status).toBe(401);
    expect((await login(t, ownerEmail, 'owner-password', ip)).status).toBe(200);
  });
});

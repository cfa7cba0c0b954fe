import { DEFAULT_DEPOSIT_SETTINGS } from '@frontdesk/contracts';
import { TestApp } from '../../../../../test/harness';
import { staffUserToken } from '../catalog/catalog.test-support';

const full = {
  enabled: true,
  default: { type: 'percent', percent: 20 },
  primeTime: { windows: [{ days: ['fri', 'sat'], start: '16:00', end: '20:00' }], rule: { type: 'fixed', amountCents: 1500 } },
  weekend: { rule: { type: 'fixed', amountCents: 2000 } },
  repeatNoShow: { threshold: 2, rule: { type: 'percent', percent: 100 } },
  highRisk: { rule: { type: 'percent', percent: 50 } },
  paymentWindowMinutes: 45,
  refundOnTimelyCancel: false,
};

describe('deposit settings', () => {
  let t: TestApp;
  let a: { tenant: { id: string }; ownerToken: string };
  let b: { tenant: { id: string }; ownerToken: string };
  const put = (body: unknown, token = a.ownerToken) => t.request('PUT', '/api/v1/settings/deposits', { token, body });
  const get = (token = a.ownerToken) => t.request('GET', '/api/v1/settings/deposits', { token });
  const stored = async (tenantId: string) => {
    const [row] = await t.sql(
      `select deposit_settings, (select count(*)::int from audit_log where tenant_id = $1) as audits from tenants where id = $1`,
      [tenantId],
    );
    return row as { deposit_settings: unknown; audits: number };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.createTenant();
    b = await t.createTenant();
  });
  afterAll(() => t.close());

  it('answers the documented defaults to a tenant that never saved any', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      enabled: false,
      default: { type: 'none' },
      primeTime: null,
      weekend: null,
      repeatNoShow: null,
      highRisk: null,
      paymentWindowMinutes: 30,
      refundOnTimelyCancel: true,
    });
    expect(res.body).toEqual(DEFAULT_DEPOSIT_SETTINGS);
  });

  it('is for the owner: staff may neither read nor change it', async () => {
    const staff = await staffUserToken(t, a.tenant.id);
    expect((await get(staff)).status).toBe(403);
    expect((await put(full, staff)).status).toBe(403);
  });

  it('replaces the whole settings, stores them and audits before and after', async () => {
    const res = await put(full);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(full);
    expect((await get()).body).toEqual(full);
    const [audit] = await t.sql(
      `select action, before->>'enabled' as before, after->'default'->>'percent' as after from audit_log
        where tenant_id = $1 and action = 'deposit_settings.update'`,
      [a.tenant.id],
    );
    expect(audit).toEqual({ action: 'deposit_settings.update', before: 'false', after: '20' });
  });

  it('accepts null for every optional rule and a window across midnight', async () => {
    const body = {
      ...full,
      primeTime: { windows: [{ days: ['sat'], start: '22:00', end: '02:00' }], rule: { type: 'none' } },
      weekend: null,
      repeatNoShow: null,
      highRisk: null,
    };
    const res = await put(body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(body);
  });

  it.each([
    ['enabled missing', { ...full, enabled: undefined }, 'enabled'],
    ['enabled as a string', { ...full, enabled: 'yes' }, 'enabled'],
    ['a rule of an unknown type', { ...full, default: { type: 'half' } }, 'default.type'],
    ['a rule that is not an object', { ...full, default: 'none' }, 'default'],
    ['a fixed rule of 0', { ...full, default: { type: 'fixed', amountCents: 0 } }, 'default.amountCents'],
    ['a fixed rule in dollars', { ...full, default: { type: 'fixed', amountCents: 12.5 } }, 'default.amountCents'],
    ['a percent over 100', { ...full, weekend: { rule: { type: 'percent', percent: 101 } } }, 'weekend.rule.percent'],
    [
      'a fixed rule with a percent',
      { ...full, default: { type: 'fixed', amountCents: 500, percent: 5 } },
      'default: a fixed rule has no percent',
    ],
    ['prime time without windows', { ...full, primeTime: { windows: [], rule: { type: 'none' } } }, 'primeTime.windows'],
    [
      'a window on no real day',
      { ...full, primeTime: { ...full.primeTime, windows: [{ days: ['fry'], start: '16:00', end: '20:00' }] } },
      'days',
    ],
    [
      'a window naming a day twice',
      { ...full, primeTime: { ...full.primeTime, windows: [{ days: ['fri', 'fri'], start: '16:00', end: '20:00' }] } },
      'primeTime.windows[0].days',
    ],
    [
      'a window starting when it ends',
      { ...full, primeTime: { ...full.primeTime, windows: [{ days: ['fri'], start: '16:00', end: '16:00' }] } },
      'primeTime.windows[0].start',
    ],
    [
      'a window at 25:00',
      { ...full, primeTime: { ...full.primeTime, windows: [{ days: ['fri'], start: '25:00', end: '20:00' }] } },
      'primeTime.windows[0].start',
    ],
    ['prime time without its rule', { ...full, primeTime: { windows: full.primeTime.windows } }, 'primeTime.rule'],
    ['prime time as a string', { ...full, primeTime: 'evenings' }, 'primeTime'],
    [
      'a repeat no-show threshold of 0',
      { ...full, repeatNoShow: { threshold: 0, rule: { type: 'none' } } },
      'repeatNoShow.threshold',
    ],
    ['a high-risk rule with an unknown field', { ...full, highRisk: { rule: { type: 'none' }, tier: 'high' } }, 'tier'],
    ['a payment window under 30 minutes', { ...full, paymentWindowMinutes: 29 }, 'paymentWindowMinutes'],
    ['a payment window over a day', { ...full, paymentWindowMinutes: 1441 }, 'paymentWindowMinutes'],
    ['refundOnTimelyCancel missing', { ...full, refundOnTimelyCancel: undefined }, 'refundOnTimelyCancel'],
    ['an unknown field', { ...full, currency: 'usd' }, 'currency'],
  ])('refuses %s with 400 validation_failed and writes nothing', async (_name, body, field) => {
    const before = await stored(b.tenant.id);
    const res = await put(body, b.ownerToken);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.message)).toContain(field);
    expect(await stored(b.tenant.id)).toEqual(before);
  });

  it("keeps each tenant's settings its own", async () => {
    await put(full);
    expect((await get(b.ownerToken)).body).toEqual(DEFAULT_DEPOSIT_SETTINGS);
    const own = { ...full, paymentWindowMinutes: 60, default: { type: 'fixed', amountCents: 999 } };
    expect((await put(own, b.ownerToken)).status).toBe(200);
    expect((await get(b.ownerToken)).body).toEqual(own);
    expect((await get()).body).toEqual(full);
  });

  it('lets a super-admin act on a tenant with X-Tenant-Id', async () => {
    const admin = await t.superAdminToken();
    const res = await t.request('GET', '/api/v1/settings/deposits', { token: admin, headers: { 'x-tenant-id': a.tenant.id } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(full);
  });
});

import { TestApp } from '../../../../../test/harness';
import { catalogCounts, staffUserToken } from './catalog.test-support';

const haircut = { name: 'Haircut', durationMinutes: 30, priceCents: 3000 };
const UNKNOWN_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('services', () => {
  let t: TestApp;
  let a: { tenant: { id: string }; ownerToken: string };
  let b: { tenant: { id: string }; ownerToken: string };
  const create = (body: object, token = a.ownerToken) => t.request('POST', '/api/v1/services', { token, body });

  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.createTenant();
    b = await t.createTenant();
  });
  afterAll(() => t.close());

  it('creates a service with the documented defaults and audits it', async () => {
    const res = await create(haircut);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Haircut',
      durationMinutes: 30,
      priceCents: 3000,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      aliases: [],
      active: true,
      deposit: null,
    });
    const audit = await t.sql(`select action, entity, after->>'name' as name from audit_log where entity_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ action: 'service.create', entity: 'service', name: 'Haircut' }]);
  });

  it('trims, lower-cases and de-duplicates aliases', async () => {
    const res = await create({
      ...haircut,
      name: 'Beard Trim',
      aliases: [' Beard ', 'BARBA', 'beard', 'trim'],
      bufferAfterMinutes: 5,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ aliases: ['beard', 'barba', 'trim'], bufferAfterMinutes: 5 });
  });

  it('lists the tenant services ordered by name', async () => {
    await create({ ...haircut, name: 'Another tenant only' }, b.ownerToken);
    const res = await t.request('GET', '/api/v1/services', { token: a.ownerToken });
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { name: string }) => s.name)).toEqual(['Beard Trim', 'Haircut']);
  });

  it('patches some fields, keeps the others, and audits before and after', async () => {
    const { body: service } = await create({ ...haircut, name: 'Colour' });
    const res = await t.request('PATCH', `/api/v1/services/${service.id}`, {
      token: a.ownerToken,
      body: { priceCents: 5500, aliases: ['Tint'], active: false },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...service, priceCents: 5500, aliases: ['tint'], active: false });
    const [audit] = await t.sql(
      `select action, (before->>'priceCents')::int as before, (after->>'priceCents')::int as after from audit_log where entity_id = $1 and action = 'service.update'`,
      [service.id],
    );
    expect(audit).toEqual({ action: 'service.update', before: 3000, after: 5500 });
  });

  it('keeps a service deposit rule: set on create, changed and cleared by patch, audited', async () => {
    const created = await create({ ...haircut, name: 'Colour with deposit', deposit: { type: 'fixed', amountCents: 2000 } });
    expect(created.status).toBe(201);
    expect(created.body.deposit).toEqual({ type: 'fixed', amountCents: 2000 });
    const patch = (body: object) => t.request('PATCH', `/api/v1/services/${created.body.id}`, { token: a.ownerToken, body });

    const percent = await patch({ deposit: { type: 'percent', percent: 50 } });
    expect(percent.body).toEqual({ ...created.body, deposit: { type: 'percent', percent: 50 } });
    const untouched = await patch({ priceCents: 4000 });
    expect(untouched.body.deposit).toEqual({ type: 'percent', percent: 50 });
    const cleared = await patch({ deposit: null });
    expect(cleared.body.deposit).toBeNull();

    const listed = await t.request('GET', '/api/v1/services', { token: a.ownerToken });
    expect(listed.body.items.find((s: { id: string }) => s.id === created.body.id).deposit).toBeNull();
    const [row] = await t.sql(`select deposit from services where id = $1`, [created.body.id]);
    expect(row.deposit).toBeNull();
    const audits = await t.sql(
      `select after->'deposit' as deposit from audit_log where entity_id = $1 and action = 'service.update' order by created_at, id`,
      [created.body.id],
    );
    expect(audits.map((r: { deposit: unknown }) => r.deposit)).toEqual([
      { type: 'percent', percent: 50 },
      { type: 'percent', percent: 50 },
      null,
    ]);
  });

  it.each([
    ['a deposit of an unknown type', { type: 'half' }, 'deposit.type'],
    ['a fixed deposit of 0', { type: 'fixed', amountCents: 0 }, 'deposit.amountCents'],
    ['a percent deposit over 100', { type: 'percent', percent: 150 }, 'deposit.percent'],
    ['a deposit with a field of another type', { type: 'none', amountCents: 100 }, 'deposit: a none rule has no amountCents'],
    ['a deposit as a number', 500, 'deposit'],
  ])('refuses %s on create and on patch, writing nothing', async (_name, deposit, message) => {
    const { body: service } = await create({ ...haircut, name: `Deposit target ${String(_name)}` });
    const before = await catalogCounts(t);
    const created = await create({ ...haircut, deposit });
    const patched = await t.request('PATCH', `/api/v1/services/${service.id}`, { token: a.ownerToken, body: { deposit } });
    for (const res of [created, patched]) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(JSON.stringify(res.body.message)).toContain(message);
    }
    expect(await catalogCounts(t)).toEqual(before);
  });

  it.each([
    ['a missing name', { durationMinutes: 30, priceCents: 0 }, 'name'],
    ['a missing duration', { name: 'X', priceCents: 0 }, 'durationMinutes'],
    ['a missing price', { name: 'X', durationMinutes: 30 }, 'priceCents'],
    ['an empty name', { ...haircut, name: '' }, 'name'],
    ['a duration as a string', { ...haircut, durationMinutes: '30' }, 'durationMinutes'],
    ['a negative duration', { ...haircut, durationMinutes: -30 }, 'durationMinutes'],
    ['a zero duration', { ...haircut, durationMinutes: 0 }, 'durationMinutes'],
    ['a duration over a day', { ...haircut, durationMinutes: 1441 }, 'durationMinutes'],
    ['a fractional duration', { ...haircut, durationMinutes: 30.5 }, 'durationMinutes'],
    ['a negative price', { ...haircut, priceCents: -1 }, 'priceCents'],
    ['a price beyond an integer column', { ...haircut, priceCents: 2 ** 31 }, 'priceCents'],
    ['a negative buffer', { ...haircut, bufferBeforeMinutes: -5 }, 'bufferBeforeMinutes'],
    ['a null buffer', { ...haircut, bufferAfterMinutes: null }, 'bufferAfterMinutes'],
    ['aliases as a string', { ...haircut, aliases: 'cut' }, 'aliases'],
    ['an empty alias', { ...haircut, aliases: ['cut', '  '] }, 'aliases'],
    ['a number as an alias', { ...haircut, aliases: ['cut', 7] }, 'aliases'],
    ['too many aliases', { ...haircut, aliases: Array.from({ length: 21 }, (_, i) => `alias ${i}`) }, 'aliases'],
    ['active as a string', { ...haircut, active: 'yes' }, 'active'],
    ['an unknown field', { ...haircut, colour: 'red' }, 'colour'],
  ])('refuses %s with 400 validation_failed and writes nothing', async (_name, body, field) => {
    const before = await catalogCounts(t);
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.message)).toContain(field);
    expect(await catalogCounts(t)).toEqual(before);
  });

  it.each([
    ['a null name', { name: null }, 'name'],
    ['a null active', { active: null }, 'active'],
    ['a negative duration', { durationMinutes: -1 }, 'durationMinutes'],
    ['an unknown field', { id: UNKNOWN_ID }, 'id'],
  ])('refuses a patch with %s and writes nothing', async (_name, body, field) => {
    const { body: service } = await create({ ...haircut, name: 'Patch target' });
    const before = await catalogCounts(t);
    const res = await t.request('PATCH', `/api/v1/services/${service.id}`, { token: a.ownerToken, body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.message)).toContain(field);
    expect(await catalogCounts(t)).toEqual(before);
    const [row] = await t.sql(`select name, duration_minutes, active from services where id = $1`, [service.id]);
    expect(row).toEqual({ name: 'Patch target', duration_minutes: 30, active: true });
  });

  it('deletes an unreferenced service with 204 and audits it', async () => {
    const { body: service } = await create({ ...haircut, name: 'Short-lived' });
    const res = await t.request('DELETE', `/api/v1/services/${service.id}`, { token: a.ownerToken });
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    expect(await t.sql(`select id from services where id = $1`, [service.id])).toEqual([]);
    const audit = await t.sql(`select action, before->>'name' as before from audit_log where entity_id = $1 order by id`, [
      service.id,
    ]);
    expect(audit).toEqual([
      { action: 'service.create', before: null },
      { action: 'service.delete', before: 'Short-lived' },
    ]);
  });

  it('deactivates instead of deleting a service that other records refer to', async () => {
    const { body: service } = await create({ ...haircut, name: 'Booked before' });
    await t.sql(
      `create table test_refs (tenant_id uuid, service_id uuid, foreign key (tenant_id, service_id) references services (tenant_id, id))`,
    );
    await t.sql(`insert into test_refs values ($1, $2)`, [a.tenant.id, service.id]);

    const res = await t.request('DELETE', `/api/v1/services/${service.id}`, { token: a.ownerToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...service, active: false });
    expect(await t.sql(`select active from services where id = $1`, [service.id])).toEqual([{ active: false }]);
    expect(await t.sql(`select service_id from test_refs`)).toEqual([{ service_id: service.id }]);
    const [audit] = await t.sql(`select action from audit_log where entity_id = $1 order by id desc limit 1`, [service.id]);
    expect(audit.action).toBe('service.deactivate');
  });

  describe('tenant isolation', () => {
    it("answers 404 to another tenant's service ids, exactly as to unknown ids, and changes nothing", async () => {
      const { body: theirs } = await create({ ...haircut, name: 'Theirs' }, b.ownerToken);
      for (const id of [theirs.id, UNKNOWN_ID]) {
        const patch = await t.request('PATCH', `/api/v1/services/${id}`, { token: a.ownerToken, body: { name: 'Hijacked' } });
        expect(patch.status).toBe(404);
        expect(patch.body.code).toBe('not_found');
        const del = await t.request('DELETE', `/api/v1/services/${id}`, { token: a.ownerToken });
        expect(del.status).toBe(404);
      }
      expect(await t.sql(`select name from services where id = $1`, [theirs.id])).toEqual([{ name: 'Theirs' }]);
    });

    it('answers 404 to an id that is not a UUID', async () => {
      const res = await t.request('PATCH', '/api/v1/services/not-an-id', { token: a.ownerToken, body: { name: 'X' } });
      expect(res.status).toBe(404);
    });

    it("never lists another tenant's services", async () => {
      const res = await t.request('GET', '/api/v1/services', { token: b.ownerToken });
      expect(res.body.items.map((s: { name: string }) => s.name)).toEqual(['Another tenant only', 'Theirs']);
    });
  });

  describe('access', () => {
    it('lets staff read but not change services', async () => {
      const staffToken = await staffUserToken(t, a.tenant.id);
      const { body: service } = await create({ ...haircut, name: 'Staff target' });
      expect((await t.request('GET', '/api/v1/services', { token: staffToken })).status).toBe(200);
      const before = await catalogCounts(t);
      for (const [method, url, body] of [
        ['POST', '/api/v1/services', haircut],
        ['PATCH', `/api/v1/services/${service.id}`, { name: 'X' }],
        ['DELETE', `/api/v1/services/${service.id}`, undefined],
      ] as const) {
        const res = await t.request(method, url, { token: staffToken, body });
        expect({ method, status: res.status, code: res.body.code }).toEqual({ method, status: 403, code: 'forbidden' });
      }
      expect(await catalogCounts(t)).toEqual(before);
    });

    it('lets a super-admin manage a tenant services with X-Tenant-Id', async () => {
      const admin = await t.superAdminToken();
      const headers = { 'x-tenant-id': a.tenant.id };
      const created = await t.request('POST', '/api/v1/services', {
        token: admin,
        headers,
        body: { ...haircut, name: 'By admin' },
      });
      expect(created.status).toBe(201);
      expect(await t.sql(`select tenant_id from services where id = $1`, [created.body.id])).toEqual([
        { tenant_id: a.tenant.id },
      ]);
      const list = await t.request('GET', '/api/v1/services', { token: admin, headers });
      expect(list.body.items.map((s: { name: string }) => s.name)).toContain('By admin');
      const [audit] = await t.sql(`select actor_role from audit_log where entity_id = $1`, [created.body.id]);
      expect(audit.actor_role).toBe('super_admin');
    });

    it('requires a token', async () => {
      expect((await t.request('GET', '/api/v1/services')).status).toBe(401);
    });
  });
});

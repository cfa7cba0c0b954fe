import { seedTenant } from '../../../../../test/factories';
import { TestApp } from '../../../../../test/harness';
import { MAX_ACTIVE_STAFF } from './staff.service';
import { catalogCounts, staffUserToken } from './catalog.test-support';

const nineToFive = { start: '09:00', end: '17:00' };
const hours = { mon: [nineToFive], tue: [nineToFive], wed: [nineToFive], thu: [nineToFive], fri: [nineToFive], sat: [], sun: [] };
const UNKNOWN_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('staff', () => {
  let t: TestApp;
  let a: { tenant: { id: string }; ownerToken: string };
  let b: { tenant: { id: string }; ownerToken: string };
  let cut: string;
  let shave: string;
  let theirService: string;
  const service = async (name: string, token: string) =>
    (await t.request('POST', '/api/v1/services', { token, body: { name, durationMinutes: 30, priceCents: 1000 } })).body
      .id as string;
  const create = (body: object, token = a.ownerToken) => t.request('POST', '/api/v1/staff', { token, body });
  const assignments = (staffId: string) =>
    t
      .sql(`select service_id from staff_services where staff_id = $1 order by service_id`, [staffId])
      .then((rows) => rows.map((r) => r.service_id));

  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.createTenant();
    b = await t.createTenant();
    cut = await service('Cut', a.ownerToken);
    shave = await service('Shave', a.ownerToken);
    theirService = await service('Their cut', b.ownerToken);
  });
  afterAll(() => t.close());

  it('creates a staff member who performs every service and works the business hours by default', async () => {
    const res = await create({ name: 'Alex' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), name: 'Alex', serviceIds: null, hours: null, active: true });
    const [row] = await t.sql(`select performs_all_services from staff where id = $1`, [res.body.id]);
    expect(row.performs_all_services).toBe(true);
    expect(await assignments(res.body.id)).toEqual([]);
    const audit = await t.sql(`select action from audit_log where entity_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ action: 'staff.create' }]);
  });

  it('creates a staff member with their own services and hours', async () => {
    const res = await create({ name: 'Blair', serviceIds: [shave, cut, cut], hours });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), name: 'Blair', serviceIds: [cut, shave].sort(), hours, active: true });
    expect(await assignments(res.body.id)).toEqual([cut, shave].sort());
    const [row] = await t.sql(`select performs_all_services, hours from staff where id = $1`, [res.body.id]);
    expect(row).toEqual({ performs_all_services: false, hours });
  });

  it('lists staff ordered by name with their services', async () => {
    const res = await t.request('GET', '/api/v1/staff', { token: a.ownerToken });
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.items.map((s: { name: string }) => [s.name, s]));
    expect(res.body.items.map((s: { name: string }) => s.name)).toEqual([...Object.keys(byName)].sort());
    expect(byName.Blair.serviceIds).toEqual([cut, shave].sort());
    expect(byName.Alex.serviceIds).toBeNull();
  });

  it('switches between some services and every service, and audits the change', async () => {
    const { body: staff } = await create({ name: 'Casey' });
    const some = await t.request('PATCH', `/api/v1/staff/${staff.id}`, { token: a.ownerToken, body: { serviceIds: [cut] } });
    expect(some.status).toBe(200);
    expect(some.body).toEqual({ ...staff, serviceIds: [cut] });
    expect(await assignments(staff.id)).toEqual([cut]);

    const renamed = await t.request('PATCH', `/api/v1/staff/${staff.id}`, {
      token: a.ownerToken,
      body: { name: 'Casey R', hours },
    });
    expect(renamed.body).toEqual({ ...staff, name: 'Casey R', serviceIds: [cut], hours });

    const all = await t.request('PATCH', `/api/v1/staff/${staff.id}`, {
      token: a.ownerToken,
      body: { serviceIds: null, hours: null },
    });
    expect(all.body).toEqual({ ...staff, name: 'Casey R', serviceIds: null, hours: null });
    expect(await assignments(staff.id)).toEqual([]);
    expect((await t.sql(`select performs_all_services from staff where id = $1`, [staff.id]))[0].performs_all_services).toBe(
      true,
    );

    const audit = await t.sql(
      `select before->'serviceIds' as before, after->'serviceIds' as after from audit_log where entity_id = $1 and action = 'staff.update' order by id`,
      [staff.id],
    );
    expect(audit).toEqual([
      { before: null, after: [cut] },
      { before: [cut], after: [cut] },
      { before: [cut], after: null },
    ]);
  });

  it.each([
    ['a missing name', { serviceIds: null }, 'name'],
    ['a number for the name', { name: 7 }, 'name'],
    ['serviceIds that are not ids', { name: 'X', serviceIds: ['cut'] }, 'serviceIds'],
    ['serviceIds as a string', { name: 'X', serviceIds: UNKNOWN_ID }, 'serviceIds'],
    ['an unknown service id', { name: 'X', serviceIds: [UNKNOWN_ID] }, UNKNOWN_ID],
    ['hours as a string', { name: 'X', hours: 'mon-fri' }, 'hours'],
    [
      'overlapping hours',
      {
        name: 'X',
        hours: {
          ...hours,
          tue: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        },
      },
      'hours.tue[1]: overlaps 09:00–12:00',
    ],
    [
      'backwards hours',
      { name: 'X', hours: { ...hours, mon: [{ start: '17:00', end: '09:00' }] } },
      'hours.mon[0]: start 17:00 must be before end 09:00',
    ],
    ['an unpadded time', { name: 'X', hours: { ...hours, mon: [{ start: '9:00', end: '17:00' }] } }, 'hours.mon[0].start'],
    ['a missing day', { name: 'X', hours: { ...hours, sun: undefined } }, 'hours.sun: missing'],
    ['an unknown day', { name: 'X', hours: { ...hours, holiday: [] } }, 'hours.holiday'],
    [
      'an unknown field in an interval',
      { name: 'X', hours: { ...hours, sat: [{ ...nineToFive, note: 'x' }] } },
      'hours.sat[0].note',
    ],
    ['a null active', { name: 'X', active: null }, 'active'],
    ['an unknown field', { name: 'X', role: 'owner' }, 'role'],
  ])('refuses %s with 400 validation_failed and writes nothing', async (_name, body, expected) => {
    const before = await catalogCounts(t);
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.message)).toContain(expected);
    expect(await catalogCounts(t)).toEqual(before);
  });

  it('refuses a patch with overlapping hours or an unknown service and changes nothing', async () => {
    const { body: staff } = await create({ name: 'Dana', serviceIds: [cut] });
    const before = await catalogCounts(t);
    for (const body of [
      { hours: { ...hours, fri: [nineToFive, { start: '16:00', end: '18:00' }] } },
      { serviceIds: [shave, UNKNOWN_ID] },
      { name: null },
    ]) {
      const res = await t.request('PATCH', `/api/v1/staff/${staff.id}`, { token: a.ownerToken, body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect(await catalogCounts(t)).toEqual(before);
    expect(await assignments(staff.id)).toEqual([cut]);
  });

  it('deletes an unreferenced staff member with 204, with their service assignments', async () => {
    const { body: staff } = await create({ name: 'Short-lived', serviceIds: [cut] });
    const res = await t.request('DELETE', `/api/v1/staff/${staff.id}`, { token: a.ownerToken });
    expect(res.status).toBe(204);
    expect(await t.sql(`select id from staff where id = $1`, [staff.id])).toEqual([]);
    expect(await assignments(staff.id)).toEqual([]);
    const [audit] = await t.sql(`select action from audit_log where entity_id = $1 order by id desc limit 1`, [staff.id]);
    expect(audit.action).toBe('staff.delete');
  });

  it('deactivates instead of deleting a staff member that other records refer to', async () => {
    const { body: staff } = await create({ name: 'Booked before', serviceIds: [cut] });
    await t.sql(
      `create table test_staff_refs (tenant_id uuid, staff_id uuid, foreign key (tenant_id, staff_id) references staff (tenant_id, id))`,
    );
    await t.sql(`insert into test_staff_refs values ($1, $2)`, [a.tenant.id, staff.id]);

    const res = await t.request('DELETE', `/api/v1/staff/${staff.id}`, { token: a.ownerToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...staff, active: false });
    expect(await t.sql(`select active from staff where id = $1`, [staff.id])).toEqual([{ active: false }]);
    expect(await assignments(staff.id)).toEqual([cut]);
    expect(await t.sql(`select staff_id from test_staff_refs`)).toEqual([{ staff_id: staff.id }]);
    const [audit] = await t.sql(`select action from audit_log where entity_id = $1 order by id desc limit 1`, [staff.id]);
    expect(audit.action).toBe('staff.deactivate');
  });

  describe('tenant isolation', () => {
    it("refuses another tenant's service in serviceIds like an unknown one", async () => {
      const before = await catalogCounts(t);
      const res = await create({ name: 'Poacher', serviceIds: [cut, theirService] });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'validation_failed',
        message: [`serviceIds: no service with the id ${theirService}`],
      });
      expect(await catalogCounts(t)).toEqual(before);
    });

    it("answers 404 to another tenant's staff ids and never lists them", async () => {
      const { body: theirs } = await create({ name: 'Theirs' }, b.ownerToken);
      for (const id of [theirs.id, UNKNOWN_ID]) {
        expect(
          (await t.request('PATCH', `/api/v1/staff/${id}`, { token: a.ownerToken, body: { name: 'Hijacked' } })).status,
        ).toBe(404);
        expect((await t.request('DELETE', `/api/v1/staff/${id}`, { token: a.ownerToken })).status).toBe(404);
      }
      expect(await t.sql(`select name from staff where id = $1`, [theirs.id])).toEqual([{ name: 'Theirs' }]);
      const list = await t.request('GET', '/api/v1/staff', { token: a.ownerToken });
      expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(theirs.id);
    });
  });

  describe('access', () => {
    it('lets staff read but not change staff', async () => {
      const staffToken = await staffUserToken(t, a.tenant.id);
      const { body: staff } = await create({ name: 'Target' });
      expect((await t.request('GET', '/api/v1/staff', { token: staffToken })).status).toBe(200);
      const before = await catalogCounts(t);
      for (const [method, url, body] of [
        ['POST', '/api/v1/staff', { name: 'X' }],
        ['PATCH', `/api/v1/staff/${staff.id}`, { name: 'X' }],
        ['DELETE', `/api/v1/staff/${staff.id}`, undefined],
      ] as const) {
        const res = await t.request(method, url, { token: staffToken, body });
        expect({ method, status: res.status, code: res.body.code }).toEqual({ method, status: 403, code: 'forbidden' });
      }
      expect(await catalogCounts(t)).toEqual(before);
    });

    it('lets a super-admin manage staff with X-Tenant-Id', async () => {
      const admin = await t.superAdminToken();
      const headers = { 'x-tenant-id': a.tenant.id };
      const res = await t.request('POST', '/api/v1/staff', {
        token: admin,
        headers,
        body: { name: 'By admin', serviceIds: [shave] },
      });
      expect(res.status).toBe(201);
      expect(await t.sql(`select tenant_id from staff where id = $1`, [res.body.id])).toEqual([{ tenant_id: a.tenant.id }]);
      const refused = await t.request('POST', '/api/v1/staff', {
        token: admin,
        headers: { 'x-tenant-id': b.tenant.id },
        body: { name: 'Wrong tenant', serviceIds: [shave] },
      });
      expect(refused.status).toBe(400);
    });
  });

  it('keeps at most MAX_ACTIVE_STAFF active staff members, which bounds every availability answer', async () => {
    const full = await seedTenant(t, { staff: Array.from({ length: MAX_ACTIVE_STAFF }, (_, i) => `Staff ${i}`) });
    const token = full.ownerToken;
    const refused = await create({ name: 'One too many' }, token);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict');
    // An inactive one is fine, and can become active once another is not.
    const spare = await create({ name: 'Spare', active: false }, token);
    expect(spare.status).toBe(201);
    const activate = () => t.request('PATCH', `/api/v1/staff/${spare.body.id}`, { token, body: { active: true } });
    expect((await activate()).status).toBe(409);
    expect((await t.request('PATCH', `/api/v1/staff/${full.staffIds[1]}`, { token, body: { active: false } })).status).toBe(200);
    expect((await activate()).status).toBe(200);
    const [{ n }] = await t.sql(`select count(*)::int as n from staff where tenant_id = $1 and active`, [full.tenant.id]);
    expect(n).toBe(MAX_ACTIVE_STAFF);
  });
});

import { TestApp } from '../../../../../test/harness';
import { catalogCounts, staffUserToken, tenantSettings } from './catalog.test-support';

const interval = (start: string, end: string) => ({ start, end });
const weekly = {
  mon: [],
  tue: [interval('09:00', '12:30'), interval('13:30', '19:00')],
  wed: [interval('09:00', '12:00'), interval('12:00', '19:00')],
  thu: [interval('09:00', '19:00')],
  fri: [interval('09:00', '19:00')],
  sat: [interval('09:00', '16:00')],
  sun: [],
};
const UNKNOWN_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('business hours', () => {
  let t: TestApp;
  let a: { tenant: { id: string }; ownerToken: string };

  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.createTenant();
  });
  afterAll(() => t.close());

  it('starts with the onboarding hours', async () => {
    const res = await t.request('GET', '/api/v1/hours', { token: a.ownerToken });
    expect(res.status).toBe(200);
    expect(res.body.weekly.mon).toEqual([interval('09:00', '17:00')]);
    expect(res.body.weekly.sun).toEqual([]);
  });

  it('replaces the weekly hours (touching intervals allowed) and audits the change', async () => {
    const res = await t.request('PUT', '/api/v1/hours', { token: a.ownerToken, body: { weekly } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ weekly });
    expect((await t.request('GET', '/api/v1/hours', { token: a.ownerToken })).body).toEqual({ weekly });
    const [audit] = await t.sql(
      `select action, entity, before->'weekly'->'mon' as before_mon, after->'weekly' as after from audit_log where tenant_id = $1 and action = 'business_hours.update'`,
      [a.tenant.id],
    );
    expect(audit).toEqual({
      action: 'business_hours.update',
      entity: 'tenant',
      before_mon: [interval('09:00', '17:00')],
      after: weekly,
    });
  });

  it.each([
    ['a missing body field', {}, 'weekly'],
    ['weekly as an array', { weekly: [] }, 'weekly'],
    [
      'overlapping hours',
      { weekly: { ...weekly, tue: [interval('09:00', '12:00'), interval('11:00', '13:00')] } },
      'weekly.tue[1]: overlaps 09:00–12:00',
    ],
    [
      'a backwards interval',
      { weekly: { ...weekly, thu: [interval('19:00', '09:00')] } },
      'weekly.thu[0]: start 19:00 must be before end 09:00',
    ],
    ['9:00', { weekly: { ...weekly, fri: [interval('9:00', '17:00')] } }, 'weekly.fri[0].start must be a time of day HH:MM'],
    ['24:00', { weekly: { ...weekly, fri: [interval('09:00', '24:00')] } }, 'weekly.fri[0].end must be a time of day HH:MM'],
    ['a missing day', { weekly: { ...weekly, sun: undefined } }, 'weekly.sun: missing'],
    ['an unknown day', { weekly: { ...weekly, holidays: [] } }, 'weekly.holidays: not a day'],
    [
      'an unknown field in an interval',
      { weekly: { ...weekly, sat: [{ ...interval('09:00', '16:00'), staff: 'x' }] } },
      'weekly.sat[0].staff',
    ],
    ['an unknown top-level field', { weekly, timezone: 'UTC' }, 'timezone'],
  ])('refuses %s with 400 validation_failed and writes nothing', async (_name, body, expected) => {
    const settings = await tenantSettings(t, a.tenant.id);
    const counts = await catalogCounts(t);
    const res = await t.request('PUT', '/api/v1/hours', { token: a.ownerToken, body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.message)).toContain(expected);
    expect(await tenantSettings(t, a.tenant.id)).toEqual(settings);
    expect(await catalogCounts(t)).toEqual(counts);
  });

  it('lists every problem at once', async () => {
    const res = await t.request('PUT', '/api/v1/hours', {
      token: a.ownerToken,
      body: { weekly: { ...weekly, mon: [interval('9:00', '12:00')], sun: undefined } },
    });
    expect(res.body.message).toEqual([
      'weekly.mon[0].start must be a time of day HH:MM between 00:00 and 23:59',
      'weekly.sun: missing; send [] for a closed day',
    ]);
  });

  it('lets staff read but not change the hours, and a super-admin change them with X-Tenant-Id', async () => {
    const staffToken = await staffUserToken(t, a.tenant.id);
    expect((await t.request('GET', '/api/v1/hours', { token: staffToken })).status).toBe(200);
    const refused = await t.request('PUT', '/api/v1/hours', { token: staffToken, body: { weekly } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');

    const admin = await t.superAdminToken();
    const closedSaturdays = { ...weekly, sat: [] };
    const res = await t.request('PUT', '/api/v1/hours', {
      token: admin,
      headers: { 'x-tenant-id': a.tenant.id },
      body: { weekly: closedSaturdays },
    });
    expect(res.status).toBe(200);
    expect((await tenantSettings(t, a.tenant.id)).business_hours).toEqual(closedSaturdays);
  });
});

describe('overrides', () => {
  let t: TestApp;
  let a: { tenant: { id: string }; ownerToken: string };
  let b: { tenant: { id: string }; ownerToken: string };
  let alex: string;
  let theirStaff: string;
  const create = (body: object, token = a.ownerToken) => t.request('POST', '/api/v1/overrides', { token, body });
  const list = (query: string, token = a.ownerToken) => t.request('GET', `/api/v1/overrides?${query}`, { token });

  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.createTenant();
    b = await t.createTenant();
    alex = (await t.request('POST', '/api/v1/staff', { token: a.ownerToken, body: { name: 'Alex' } })).body.id;
    theirStaff = (await t.request('POST', '/api/v1/staff', { token: b.ownerToken, body: { name: 'Theirs' } })).body.id;
  });
  afterAll(() => t.close());

  it('closes a whole day for the business', async () => {
    const res = await create({ date: '2026-12-25', kind: 'closed', note: 'Christmas' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      date: '2026-12-25',
      kind: 'closed',
      start: null,
      end: null,
      staffId: null,
      note: 'Christmas',
    });
    const audit = await t.sql(`select action, after->>'date' as date from audit_log where entity_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ action: 'override.create', date: '2026-12-25' }]);
  });

  it('blocks a range for one staff member and opens extra hours, with times as HH:MM', async () => {
    const blocked = await create({ date: '2026-12-24', kind: 'closed', start: '12:00', end: '13:30', staffId: alex });
    expect(blocked.status).toBe(201);
    expect(blocked.body).toMatchObject({ start: '12:00', end: '13:30', staffId: alex, note: null });
    const opened = await create({ date: '2026-12-27', kind: 'open', start: '10:00', end: '14:00', staffId: null, note: null });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ kind: 'open', start: '10:00', end: '14:00', staffId: null });
  });

  it('lists the overrides of an inclusive date range in date order', async () => {
    const res = await list('from=2026-12-24&to=2026-12-25');
    expect(res.status).toBe(200);
    expect(res.body.items.map((o: { date: string; start: string | null }) => [o.date, o.start])).toEqual([
      ['2026-12-24', '12:00'],
      ['2026-12-25', null],
    ]);
    expect((await list('from=2027-01-01&to=2027-01-31')).body).toEqual({ items: [] });
  });

  it.each([
    ['a missing from', 'to=2026-12-31', 'from'],
    ['an impossible date', 'from=2026-02-30&to=2026-03-31', 'from'],
    ['a badly formatted date', 'from=2026-12-1&to=2026-12-31', 'from'],
    ['a backwards range', 'from=2026-12-31&to=2026-12-01', 'to must be on or after from'],
    ['a range over 366 days', 'from=2026-01-01&to=2027-01-03', 'at most 366 days'],
    ['an unknown parameter', 'from=2026-12-01&to=2026-12-31&staffId=x', 'staffId'],
  ])('refuses a list query with %s', async (_name, query, expected) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.message)).toContain(expected);
  });

  it.each([
    ['a missing date', { kind: 'closed' }, 'date'],
    ['an impossible date', { date: '2026-02-30', kind: 'closed' }, 'date'],
    ['a date with a time', { date: '2026-12-24T00:00:00Z', kind: 'closed' }, 'date'],
    ['an unknown kind', { date: '2026-12-24', kind: 'holiday' }, 'kind'],
    ['open without times', { date: '2026-12-24', kind: 'open' }, 'start and end are required when kind is open'],
    ['only a start', { date: '2026-12-24', kind: 'closed', start: '10:00' }, 'end is required when start is given'],
    ['only an end', { date: '2026-12-24', kind: 'open', end: '10:00' }, 'start is required when end is given'],
    ['start after end', { date: '2026-12-24', kind: 'closed', start: '14:00', end: '13:00' }, 'end must be after start (14:00)'],
    ['start equal to end', { date: '2026-12-24', kind: 'open', start: '14:00', end: '14:00' }, 'end must be after start'],
    ['9:00', { date: '2026-12-24', kind: 'open', start: '9:00', end: '12:00' }, 'start must be a time of day HH:MM'],
    ['24:00', { date: '2026-12-24', kind: 'open', start: '20:00', end: '24:00' }, 'end must be a time of day HH:MM'],
    ['a number for a time', { date: '2026-12-24', kind: 'open', start: 900, end: '12:00' }, 'start'],
    ['a staffId that is not an id', { date: '2026-12-24', kind: 'closed', staffId: 'alex' }, 'staffId'],
    [
      'an unknown staff member',
      { date: '2026-12-24', kind: 'closed', staffId: UNKNOWN_ID },
      `staffId: no staff member with the id ${UNKNOWN_ID}`,
    ],
    ['an unknown field', { date: '2026-12-24', kind: 'closed', allDay: true }, 'allDay'],
  ])('refuses %s with 400 validation_failed and writes nothing', async (_name, body, expected) => {
    const before = await catalogCounts(t);
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.message)).toContain(expected);
    expect(await catalogCounts(t)).toEqual(before);
  });

  it('deletes an override with 204 and audits it', async () => {
    const { body: override } = await create({ date: '2026-11-26', kind: 'closed' });
    const res = await t.request('DELETE', `/api/v1/overrides/${override.id}`, { token: a.ownerToken });
    expect(res.status).toBe(204);
    expect(await t.sql(`select id from overrides where id = $1`, [override.id])).toEqual([]);
    const [audit] = await t.sql(
      `select action, before->>'date' as date from audit_log where entity_id = $1 order by id desc limit 1`,
      [override.id],
    );
    expect(audit).toEqual({ action: 'override.delete', date: '2026-11-26' });
  });

  describe('tenant isolation', () => {
    it("refuses another tenant's staff member like an unknown one", async () => {
      const before = await catalogCounts(t);
      const res = await create({ date: '2026-12-24', kind: 'closed', staffId: theirStaff });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([`staffId: no staff member with the id ${theirStaff}`]);
      expect(await catalogCounts(t)).toEqual(before);
    });

    it("answers 404 to another tenant's override ids and never lists them", async () => {
      const { body: theirs } = await create({ date: '2026-12-25', kind: 'closed', note: 'theirs' }, b.ownerToken);
      for (const id of [theirs.id, UNKNOWN_ID]) {
        const res = await t.request('DELETE', `/api/v1/overrides/${id}`, { token: a.ownerToken });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('not_found');
      }
      expect(await t.sql(`select id from overrides where id = $1`, [theirs.id])).toHaveLength(1);
      const ours = await list('from=2026-12-25&to=2026-12-25');
      expect(ours.body.items.map((o: { note: string }) => o.note)).toEqual(['Christmas']);
    });
  });

  describe('access', () => {
    it('lets staff read but not change overrides', async () => {
      const staffToken = await staffUserToken(t, a.tenant.id);
      expect((await list('from=2026-12-01&to=2026-12-31', staffToken)).status).toBe(200);
      const { body: override } = await create({ date: '2026-10-01', kind: 'closed' });
      const before = await catalogCounts(t);
      expect((await create({ date: '2026-10-02', kind: 'closed' }, staffToken)).status).toBe(403);
      expect((await t.request('DELETE', `/api/v1/overrides/${override.id}`, { token: staffToken })).status).toBe(403);
      expect(await catalogCounts(t)).toEqual(before);
    });

    it('lets a super-admin manage overrides with X-Tenant-Id', async () => {
      const admin = await t.superAdminToken();
      const headers = { 'x-tenant-id': a.tenant.id };
      const res = await t.request('POST', '/api/v1/overrides', {
        token: admin,
        headers,
        body: { date: '2026-09-07', kind: 'closed', staffId: alex },
      });
      expect(res.status).toBe(201);
      const listed = await t.request('GET', '/api/v1/overrides?from=2026-09-07&to=2026-09-07', { token: admin, headers });
      expect(listed.body.items.map((o: { id: string }) => o.id)).toEqual([res.body.id]);
    });
  });
});

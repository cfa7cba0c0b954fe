import { DEFAULT_BOOKING_POLICY } from '@frontdesk/contracts';
import { TestApp } from '../../../../../test/harness';
import { catalogCounts, staffUserToken, tenantSettings } from './catalog.test-support';

const policy = {
  minNoticeMinutes: 60,
  maxAdvanceDays: 90,
  slotIntervalMinutes: 30,
  sameDayCutoff: '15:30',
  cancellationNoticeHours: 12,
};

describe('booking policy', () => {
  let t: TestApp;
  let a: { tenant: { id: string }; ownerToken: string };
  const put = (body: object, token = a.ownerToken) => t.request('PUT', '/api/v1/settings/booking-policy', { token, body });

  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.createTenant();
  });
  afterAll(() => t.close());

  it('starts with the documented defaults', async () => {
    const res = await t.request('GET', '/api/v1/settings/booking-policy', { token: a.ownerToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DEFAULT_BOOKING_POLICY);
  });

  it('replaces the policy, reads back the cutoff as HH:MM, and audits the change', async () => {
    const res = await put(policy);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(policy);
    expect((await t.request('GET', '/api/v1/settings/booking-policy', { token: a.ownerToken })).body).toEqual(policy);
    const [audit] = await t.sql(`select before, after from audit_log where tenant_id = $1 and action = 'booking_policy.update'`, [
      a.tenant.id,
    ]);
    expect(audit).toEqual({ before: DEFAULT_BOOKING_POLICY, after: policy });
  });

  it('clears the same-day cutoff with null', async () => {
    const res = await put({ ...policy, sameDayCutoff: null });
    expect(res.body.sameDayCutoff).toBeNull();
    expect((await tenantSettings(t, a.tenant.id)).same_day_cutoff).toBeNull();
  });

  it.each([
    ['a missing field', (({ maxAdvanceDays: _omitted, ...rest }) => rest)(policy), 'maxAdvanceDays'],
    ['a missing cutoff', (({ sameDayCutoff: _omitted, ...rest }) => rest)(policy), 'sameDayCutoff'],
    ['a number as a string', { ...policy, minNoticeMinutes: '60' }, 'minNoticeMinutes'],
    ['a fractional number', { ...policy, slotIntervalMinutes: 7.5 }, 'slotIntervalMinutes'],
    ['negative notice', { ...policy, minNoticeMinutes: -1 }, 'minNoticeMinutes must be a whole number from 0 to 525600'],
    [
      'a slot interval under 5',
      { ...policy, slotIntervalMinutes: 4 },
      'slotIntervalMinutes must be a whole number from 5 to 720',
    ],
    ['booking more than two years ahead', { ...policy, maxAdvanceDays: 731 }, 'maxAdvanceDays'],
    ['more than a year of cancellation notice', { ...policy, cancellationNoticeHours: 8761 }, 'cancellationNoticeHours'],
    ['a cutoff of 24:00', { ...policy, sameDayCutoff: '24:00' }, 'sameDayCutoff'],
    ['a cutoff as a number', { ...policy, sameDayCutoff: 1530 }, 'sameDayCutoff'],
    ['an unknown field', { ...policy, depositCents: 500 }, 'depositCents'],
  ])('refuses %s with 400 validation_failed and writes nothing', async (_name, body, expected) => {
    const settings = await tenantSettings(t, a.tenant.id);
    const counts = await catalogCounts(t);
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.message)).toContain(expected);
    expect(await tenantSettings(t, a.tenant.id)).toEqual(settings);
    expect(await catalogCounts(t)).toEqual(counts);
  });

  it('lets staff read but not change the policy, and a super-admin change it with X-Tenant-Id', async () => {
    const staffToken = await staffUserToken(t, a.tenant.id);
    expect((await t.request('GET', '/api/v1/settings/booking-policy', { token: staffToken })).status).toBe(200);
    expect((await put(policy, staffToken)).status).toBe(403);
    const admin = await t.superAdminToken();
    const res = await t.request('PUT', '/api/v1/settings/booking-policy', {
      token: admin,
      headers: { 'x-tenant-id': a.tenant.id },
      body: { ...policy, maxAdvanceDays: 14 },
    });
    expect(res.status).toBe(200);
    expect((await tenantSettings(t, a.tenant.id)).max_advance_days).toBe(14);
  });
});

describe('channels', () => {
  let t: TestApp;
  let a: { tenant: { id: string }; ownerToken: string };
  let b: { tenant: { id: string }; ownerToken: string };
  const put = (body: object, token = a.ownerToken) => t.request('PUT', '/api/v1/settings/channels', { token, body });

  beforeAll(async () => {
    t = await TestApp.start();
    a = await t.createTenant();
    b = await t.createTenant({ country: 'ES', timezone: 'Europe/Madrid', currency: 'eur', locale: 'es' });
  });
  afterAll(() => t.close());

  it('starts with no channels', async () => {
    const res = await t.request('GET', '/api/v1/settings/channels', { token: a.ownerToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ smsNumber: null, whatsappPhoneNumberId: null });
  });

  it("normalises the SMS number to E.164 with the tenant's country, and audits the change", async () => {
    const res = await put({ smsNumber: '(555) 123-4567', whatsappPhoneNumberId: '106540352242922' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ smsNumber: '+15551234567', whatsappPhoneNumberId: '106540352242922' });
    expect((await t.request('GET', '/api/v1/settings/channels', { token: a.ownerToken })).body).toEqual(res.body);
    const [audit] = await t.sql(`select before, after from audit_log where tenant_id = $1 and action = 'channels.update'`, [
      a.tenant.id,
    ]);
    expect(audit).toEqual({ before: { smsNumber: null, whatsappPhoneNumberId: null }, after: res.body });

    const spanish = await put({ smsNumber: '612 34 56 78', whatsappPhoneNumberId: null }, b.ownerToken);
    expect(spanish.body).toEqual({ smsNumber: '+34612345678', whatsappPhoneNumberId: null });
  });

  it('keeps its own values when sent again', async () => {
    const res = await put({ smsNumber: '+15551234567', whatsappPhoneNumberId: '106540352242922' });
    expect(res.status).toBe(200);
  });

  it('answers 409 conflict for a value another tenant uses, however it is written, and writes nothing', async () => {
    for (const body of [
      { smsNumber: '+1 555 123 4567', whatsappPhoneNumberId: null },
      { smsNumber: null, whatsappPhoneNumberId: '106540352242922' },
    ]) {
      const settings = await tenantSettings(t, b.tenant.id);
      const counts = await catalogCounts(t);
      const res = await put(body, b.ownerToken);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('conflict');
      expect(await tenantSettings(t, b.tenant.id)).toEqual(settings);
      expect(await catalogCounts(t)).toEqual(counts);
    }
  });

  it('frees a number for other tenants once cleared', async () => {
    expect((await put({ smsNumber: null, whatsappPhoneNumberId: null })).status).toBe(200);
    const res = await put({ smsNumber: '+15551234567', whatsappPhoneNumberId: null }, b.ownerToken);
    expect(res.status).toBe(200);
    expect(res.body.smsNumber).toBe('+15551234567');
  });

  it.each([
    ['an unparseable number', { smsNumber: 'call us', whatsappPhoneNumberId: null }, 'smsNumber'],
    ['too few digits', { smsNumber: '555-12', whatsappPhoneNumberId: null }, 'smsNumber'],
    ['an empty number', { smsNumber: '', whatsappPhoneNumberId: null }, 'smsNumber'],
    ['a number as a number', { smsNumber: 5551234567, whatsappPhoneNumberId: null }, 'smsNumber'],
    ['a WhatsApp id with letters', { smsNumber: null, whatsappPhoneNumberId: 'abc123' }, 'whatsappPhoneNumberId'],
    ['a WhatsApp id as a number', { smsNumber: null, whatsappPhoneNumberId: 106540352242922 }, 'whatsappPhoneNumberId'],
    ['a missing field', { smsNumber: null }, 'whatsappPhoneNumberId'],
    ['an unknown field', { smsNumber: null, whatsappPhoneNumberId: null, email: 'x@example.test' }, 'email'],
  ])('refuses %s with 400 validation_failed and writes nothing', async (_name, body, expected) => {
    const settings = await tenantSettings(t, a.tenant.id);
    const counts = await catalogCounts(t);
    const res = await put(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.message)).toContain(expected);
    expect(await tenantSettings(t, a.tenant.id)).toEqual(settings);
    expect(await catalogCounts(t)).toEqual(counts);
  });

  it('lets staff read but not change channels, and a super-admin change them with X-Tenant-Id', async () => {
    const staffToken = await staffUserToken(t, a.tenant.id);
    expect((await t.request('GET', '/api/v1/settings/channels', { token: staffToken })).status).toBe(200);
    const refused = await put({ smsNumber: null, whatsappPhoneNumberId: '1' }, staffToken);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    const admin = await t.superAdminToken();
    const res = await t.request('PUT', '/api/v1/settings/channels', {
      token: admin,
      headers: { 'x-tenant-id': a.tenant.id },
      body: { smsNumber: '+1 (555) 987-6543', whatsappPhoneNumberId: null },
    });
    expect(res.status).toBe(200);
    expect((await tenantSettings(t, a.tenant.id)).sms_number).toBe('+15559876543');
  });
});

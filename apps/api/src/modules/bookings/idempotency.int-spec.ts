import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BookableTenant, bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';
import { Db } from '../../common/db/db.service';
import { IdempotencyKeySweeper } from './idempotency-key-sweeper';

describe('Idempotency-Key on the booking create endpoints', () => {
  let t: TestApp;
  let a: BookableTenant;
  let other: BookableTenant;

  beforeAll(async () => {
    t = await TestApp.start();
    a = await bookableTenant(t);
    other = await bookableTenant(t);
  });
  afterAll(() => t.close());

  const body = (tenant: BookableTenant, day: number, time: string, name = 'Ana Gómez') => ({
    serviceId: tenant.serviceId,
    start: tenant.at(tenant.day(day), time),
    staffId: tenant.staffIds[0],
    customer: customer('+1 212 555 0101', name),
  });
  const post = (tenant: BookableTenant, payload: unknown, key?: string) =>
    t.request('POST', `/api/v1/public/${tenant.tenant.slug}/bookings`, {
      body: payload,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });
  const postAdmin = (tenant: BookableTenant, payload: unknown, key: string) =>
    t.request('POST', '/api/v1/bookings', { token: tenant.ownerToken, body: payload, headers: { 'idempotency-key': key } });
  const bookingsAt = async (tenant: BookableTenant, start: string) =>
    (
      await t.sql<{ id: string }>(`select id from bookings where tenant_id = $1 and start_at = $2 order by created_at`, [
        tenant.tenant.id,
        start,
      ])
    ).map((r) => r.id);

  it('answers a repeat with the first answer (same status and body) and books nothing more', async () => {
    const request = body(a, 3, '10:00');
    const first = await post(a, request, 'repeat-1');
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post(a, request, 'repeat-1');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    // The same fields in another order are the same request.
    const { customer: who, ...rest } = request;
    const reordered = await post(a, { customer: { email: who.email, phone: who.phone, name: who.name }, ...rest }, 'repeat-1');
    expect(reordered.status).toBe(201);
    expect(reordered.body).toEqual(first.body);
    expect(await bookingsAt(a, request.start)).toEqual([first.body.id]);
  });

  it('answers the same key with another body 422 idempotency_key_reused, and books nothing', async () => {
    const first = await post(a, body(a, 3, '11:00'), 'reused-1');
    expect(first.status).toBe(201);
    const changed = body(a, 3, '13:00');
    const res = await post(a, changed, 'reused-1');
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('idempotency_key_reused');
    expect(await bookingsAt(a, changed.start)).toEqual([]);
    const renamed = await post(a, body(a, 3, '11:00', 'Someone Else'), 'reused-1');
    expect(renamed.status).toBe(422);
  });

  it('books once when identical requests with one key race, and answers them all alike', async () => {
    const request = body(a, 4, '10:00');
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(a, request, 'race-1')));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
    expect(await bookingsAt(a, request.start)).toEqual([answers[0].body.id]);
    expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
  });

  it("keeps each business's keys apart, under row-level security", async () => {
    const mine = await post(a, body(a, 5, '10:00'), 'shared-key');
    const theirs = await post(other, body(other, 5, '10:00'), 'shared-key');
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await bookingsAt(other, theirs.body.start)).toEqual([theirs.body.id]);
    const seen = await t.app
      .get(Db)
      .asTenant(a.tenant.id, (m) => m.query<{ tenant_id: string }[]>('select distinct tenant_id from idempotency_keys'));
    expect(seen).toEqual([{ tenant_id: a.tenant.id }]);
  });

  it('honours the key on the admin endpoint too, apart from the public one', async () => {
    const request = body(a, 6, '10:00');
    const first = await postAdmin(a, request, 'admin-1');
    expect(first.status).toBe(201);
    expect(first.body.source).toBe('admin');
    const again = await postAdmin(a, request, 'admin-1');
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
    expect((await postAdmin(a, body(a, 6, '13:00'), 'admin-1')).body.code).toBe('idempotency_key_reused');
    // The public endpoint's keys are another set: the same key books there afresh.
    const publicOne = await post(a, body(a, 6, '14:00'), 'admin-1');
    expect(publicOne.status).toBe(201);
    expect(await bookingsAt(a, request.start)).toEqual([first.body.id]);
  });

  it('refuses a key that is not 1 to 255 printable characters with 400 validation_failed', async () => {
    for (const key of ['k'.repeat(256), '', 'café']) {
      const res = await post(a, body(a, 7, '10:00'), key);
      expect({ key, status: res.status, code: res.body.code }).toEqual({ key, status: 400, code: 'validation_failed' });
    }
    expect(await bookingsAt(a, a.at(a.day(7), '10:00'))).toEqual([]);
    expect((await post(a, body(a, 7, '10:00'), `${'k'.repeat(250)} ~!@#`)).status).toBe(201);
  });

  it('does not remember a refusal: a retry with the key is decided afresh', async () => {
    const blocker = await post(a, body(a, 8, '10:00', 'First Comer'));
    expect(blocker.status).toBe(201);
    const request = body(a, 8, '10:00');
    const refused = await post(a, request, 'retry-after-409');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('slot_unavailable');
    const cancel = await t.request('POST', `/api/v1/bookings/${blocker.body.id}/cancel`, { token: a.ownerToken, body: {} });
    expect(cancel.status).toBe(200);
    const retried = await post(a, request, 'retry-after-409');
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('treats a key as new after 24 hours, and the sweeper deletes expired keys', async () => {
    const first = await post(a, body(a, 9, '10:00'), 'day-old');
    expect(first.status).toBe(201);
    const age = (key: string, hours: number) =>
      t.sql(`update idempotency_keys set created_at = now() - make_interval(hours => $2) where key = $1`, [key, hours]);
    await age('day-old', 23);
    expect((await post(a, body(a, 9, '13:00'), 'day-old')).status).toBe(422);
    await age('day-old', 24);
    const later = await post(a, body(a, 9, '13:00'), 'day-old');
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);
    expect((await post(a, body(a, 9, '13:00'), 'day-old')).body).toEqual(later.body);

    await age('day-old', 25);
    expect((await post(a, body(a, 9, '15:00'), 'fresh')).status).toBe(201);
    await t.app.get(IdempotencyKeySweeper).sweep();
    const left = await t.sql<{ key: string }>(`select key from idempotency_keys where key in ('day-old', 'fresh')`);
    expect(left).toEqual([{ key: 'fresh' }]);
  });

  it('documents the header on both endpoints in the OpenAPI spec', async () => {
    const docs = await t.request('GET', '/api/docs-json');
    for (const path of ['/api/v1/public/{slug}/bookings', '/api/v1/bookings']) {
      const parameters = docs.body.paths[path].post.parameters as { name: string; in: string }[];
      expect(parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    }
  });

  it('books once for a client that lost the answer to a dropped connection and retried with the key', async () => {
    await t.app.listen(0, '127.0.0.1');
    const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const { port } = new URL(base);
    const request = body(a, 10, '10:00');
    const payload = JSON.stringify(request);
    const path = `/api/v1/public/${a.tenant.slug}/bookings`;

    // The first attempt: sent whole, then the connection drops before the client reads a byte of the answer.
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nIdempotency-Key: dropped-1\r\n` +
        `Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
    );
    for (let attempt = 0; (await bookingsAt(a, request.start)).length === 0; attempt++) {
      if (attempt > 500) throw new Error('the first attempt never booked');
      await sleep(20);
    }
    socket.destroy();

    const retry = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'dropped-1' },
      body: payload,
    });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const booked = (await retry.json()) as { id: string; start: string };
    expect(booked.start).toBe(request.start);
    expect(await bookingsAt(a, request.start)).toEqual([booked.id]);
  });
});

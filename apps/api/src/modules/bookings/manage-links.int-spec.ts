import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { type BookableTenant, bookableTenant, customer } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

describe('manage links', () => {
  let t: TestApp;
  let b: BookableTenant;
  const tokenOf = (manageUrl: string) => manageUrl.split('/manage/')[1];
  const bookAt = async (dayOffset: number, time: string, staff = 0) => {
    const res = await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: { serviceId: b.serviceId, start: b.at(b.day(dayOffset), time), staffId: b.staffIds[staff], customer: customer() },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; start: string; manageUrl: string };
  };

  beforeAll(async () => {
    t = await TestApp.start();
    b = await bookableTenant(t);
  });
  afterAll(() => t.close());

  it('shows the booking and its business', async () => {
    const booking = await bookAt(5, '10:00');
    const res = await t.request('GET', `/api/v1/public/manage/${tokenOf(booking.manageUrl)}`);
    expect(res.status).toBe(200);
    expect(res.body.booking).toMatchObject({ id: booking.id, status: 'confirmed', start: booking.start });
    expect(res.body.business).toMatchObject({ slug: b.tenant.slug, timezone: 'America/New_York' });
    expect(res.body.canChange).toBe(true);
    expect(res.body.readOnly).toBe(false);
  });

  it('cancels through the link', async () => {
    const booking = await bookAt(5, '11:00');
    const res = await t.request('POST', `/api/v1/public/manage/${tokenOf(booking.manageUrl)}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
  });

  it('reschedules through the link, keeping the id and issuing a link for the new time', async () => {
    const booking = await bookAt(5, '12:00');
    const res = await t.request('POST', `/api/v1/public/manage/${tokenOf(booking.manageUrl)}/reschedule`, {
      body: { start: b.at(b.day(6), '12:00') },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: booking.id, start: b.at(b.day(6), '12:00') });
    expect(res.body.manageUrl).not.toBe(booking.manageUrl);
    const view = await t.request('GET', `/api/v1/public/manage/${tokenOf(res.body.manageUrl)}`);
    expect(view.body.booking.start).toBe(b.at(b.day(6), '12:00'));
  });

  it("never shows the customer the business's no-show risk of them", async () => {
    const res = await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
      body: { serviceId: b.serviceId, start: b.at(b.day(8), '10:00'), customer: customer() },
    });
    expect(res.status).toBe(201);
    const token = tokenOf(res.body.manageUrl);
    const view = await t.request('GET', `/api/v1/public/manage/${token}`);
    const moved = await t.request('POST', `/api/v1/public/manage/${token}/reschedule`, {
      body: { start: b.at(b.day(8), '11:00') },
    });
    const cancelled = await t.request('POST', `/api/v1/public/manage/${tokenOf(moved.body.manageUrl)}/cancel`);
    expect([view.status, moved.status, cancelled.status]).toEqual([200, 200, 200]);
    for (const booking of [res.body, view.body.booking, moved.body, cancelled.body]) {
      expect(booking).toMatchObject({ id: res.body.id });
      expect(booking).not.toHaveProperty('noShowRisk');
    }
    // The business sees it.
    const owner = await t.request('GET', `/api/v1/bookings/${res.body.id}`, { token: b.ownerToken });
    expect(owner.body.noShowRisk).toMatchObject({ tier: expect.any(String) });
  });

  it('answers a reschedule onto a taken slot with 409 slot_unavailable', async () => {
    const booking = await bookAt(7, '09:00', 0);
    await bookAt(7, '14:00', 0);
    await bookAt(7, '14:00', 1);
    const res = await t.request('POST', `/api/v1/public/manage/${tokenOf(booking.manageUrl)}/reschedule`, {
      body: { start: b.at(b.day(7), '14:00') },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('slot_unavailable');
  });

  it('answers a tampered token with 401 link_invalid', async () => {
    const booking = await bookAt(8, '10:00');
    const token = tokenOf(booking.manageUrl);
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        bid: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      }),
    ).toString('base64url');
    for (const bad of [`${header}.${forged}.${signature}`, `${token}x`, 'not-a-token']) {
      const res = await t.request('GET', `/api/v1/public/manage/${bad}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('link_invalid');
    }
    const cancel = await t.request('POST', `/api/v1/public/manage/${header}.${forged}.${signature}/cancel`);
    expect(cancel.status).toBe(401);
    const [row] = await t.sql('select status from bookings where id = $1', [booking.id]);
    expect(row.status).toBe('confirmed');
  });

  it('answers 410 link_expired once the appointment has started', async () => {
    const booking = await bookAt(9, '10:00');
    await t.sql(
      `update bookings set start_at = now() - interval '5 minutes', end_at = now() + interval '25 minutes',
              blocked = tstzrange(now() - interval '5 minutes', now() + interval '40 minutes', '[)') where id = $1`,
      [booking.id],
    );
    const token = tokenOf(booking.manageUrl);
    expect((await t.request('GET', `/api/v1/public/manage/${token}`)).body.code).toBe('link_expired');
    const cancel = await t.request('POST', `/api/v1/public/manage/${token}/cancel`);
    expect(cancel.status).toBe(410);
    expect(cancel.body.code).toBe('link_expired');
  });

  it('answers 409 too_late inside the cancellation notice, and changes nothing', async () => {
    const strict = await bookableTenant(t, { cancellationNoticeHours: 24 * 30 });
    const created = await t.request('POST', `/api/v1/public/${strict.tenant.slug}/bookings`, {
      body: { serviceId: strict.serviceId, start: strict.at(strict.day(3), '10:00'), customer: customer() },
    });
    const token = tokenOf(created.body.manageUrl);
    const view = await t.request('GET', `/api/v1/public/manage/${token}`);
    expect(view.body.canChange).toBe(false);
    for (const [path, body] of [
      ['cancel', undefined],
      ['reschedule', { start: strict.at(strict.day(4), '10:00') }],
    ] as const) {
      const res = await t.request('POST', `/api/v1/public/manage/${token}/${path}`, { body });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('too_late');
    }
    const [row] = await t.sql('select status, start_at from bookings where id = $1', [created.body.id]);
    expect(row.status).toBe('confirmed');
    expect(new Date(row.start_at).toISOString()).toBe(created.body.start);
  });

  describe('a link names the booking as it was when the link was sent', () => {
    /** Waits (at most ~10 s) until `count` sessions of this test's database wait for a lock. */
    const waitForLockWaiters = async (count: number) => {
      for (let attempt = 0; attempt < 500; attempt++) {
        // Outside any transaction: pg_stat_activity is read once per transaction.
        const [{ n }] = await t.sql<{ n: number }>(
          `select count(distinct l.pid)::int as n from pg_locks l
             join pg_stat_activity a on a.pid = l.pid and a.datname = current_database()
            where not l.granted`,
        );
        if (n >= count) return;
        await sleep(20);
      }
      throw new Error(`${count} sessions never waited for the lock`);
    };
    const expectUnchanged = async (id: string, status: string, start: string) => {
      const [row] = await t.sql('select status, start_at from bookings where id = $1', [id]);
      expect({ status: row.status, start: new Date(row.start_at).toISOString() }).toEqual({ status, start });
    };
    const expectOutdated = (res: { status: number; body: any }) => {
      expect(res.status).toBe(410);
      expect(res.body.code).toBe('link_expired');
      expect(res.body.message).toMatch(/out of date/);
    };

    it('after a reschedule the old link shows the booking as it is now, read-only, and changes nothing', async () => {
      const booking = await bookAt(10, '10:00');
      const oldToken = tokenOf(booking.manageUrl);
      const moved = await t.request('POST', `/api/v1/public/manage/${oldToken}/reschedule`, {
        body: { start: b.at(b.day(10), '13:00') },
      });
      expect(moved.status).toBe(200);

      const view = await t.request('GET', `/api/v1/public/manage/${oldToken}`);
      expect(view.status).toBe(200);
      expect(view.body.booking).toMatchObject({ id: booking.id, start: b.at(b.day(10), '13:00'), status: 'confirmed' });
      expect(view.body).toMatchObject({ readOnly: true, canChange: false });
      expect(view.body.manageUrl).toBeUndefined();

      expectOutdated(
        await t.request('POST', `/api/v1/public/manage/${oldToken}/reschedule`, { body: { start: b.at(b.day(10), '15:00') } }),
      );
      expectOutdated(await t.request('POST', `/api/v1/public/manage/${oldToken}/cancel`));
      await expectUnchanged(booking.id, 'confirmed', b.at(b.day(10), '13:00'));

      // The link the reschedule answered with is the current one.
      const fresh = await t.request('GET', `/api/v1/public/manage/${tokenOf(moved.body.manageUrl)}`);
      expect(fresh.body).toMatchObject({ readOnly: false, canChange: true });
      const cancelled = await t.request('POST', `/api/v1/public/manage/${tokenOf(moved.body.manageUrl)}/cancel`);
      expect(cancelled.status).toBe(200);
    });

    it("the business's moves and cancellations make the customer's link read-only too; a refused change, a note or a payment does not", async () => {
      const moved = await bookAt(11, '10:00');
      const rescheduled = await t.request('POST', `/api/v1/bookings/${moved.id}/reschedule`, {
        token: b.ownerToken,
        body: { start: b.at(b.day(11), '14:00') },
      });
      expect(rescheduled.status).toBe(200);
      const movedToken = tokenOf(moved.manageUrl);
      expect((await t.request('GET', `/api/v1/public/manage/${movedToken}`)).body).toMatchObject({
        readOnly: true,
        canChange: false,
        booking: { start: b.at(b.day(11), '14:00') },
      });
      expectOutdated(await t.request('POST', `/api/v1/public/manage/${movedToken}/cancel`));

      const cancelled = await bookAt(11, '11:00', 1);
      expect((await t.request('POST', `/api/v1/bookings/${cancelled.id}/cancel`, { token: b.ownerToken, body: {} })).status).toBe(
        200,
      );
      const view = await t.request('GET', `/api/v1/public/manage/${tokenOf(cancelled.manageUrl)}`);
      expect(view.body).toMatchObject({ readOnly: true, booking: { status: 'cancelled' } });

      const kept = await bookAt(11, '12:00', 1);
      // Confirming a confirmed booking is refused and writes nothing: the link stays current.
      const refused = await t.request('POST', `/api/v1/bookings/${kept.id}/status`, {
        token: b.ownerToken,
        body: { status: 'confirmed' },
      });
      expect(refused.status).toBe(409);
      expect((await t.request('GET', `/api/v1/public/manage/${tokenOf(kept.manageUrl)}`)).body.readOnly).toBe(false);
      // A note or a payment leaves the link good; a move counts, whichever code makes it: the
      // database keeps the version.
      await t.sql(`update bookings set notes = 'called ahead', payment_status = 'paid' where id = $1`, [kept.id]);
      expect((await t.request('GET', `/api/v1/public/manage/${tokenOf(kept.manageUrl)}`)).body.readOnly).toBe(false);
      await t.sql(
        `update bookings set start_at = start_at + interval '15 minutes', end_at = end_at + interval '15 minutes',
                     blocked = tstzrange(lower(blocked) + interval '15 minutes', upper(blocked) + interval '15 minutes')
                    where id = $1`,
        [kept.id],
      );
      expect((await t.request('GET', `/api/v1/public/manage/${tokenOf(kept.manageUrl)}`)).body.readOnly).toBe(true);
    });

    it('of two reschedules racing with one link, exactly one moves the booking', async () => {
      const booking = await bookAt(12, '10:00');
      const token = tokenOf(booking.manageUrl);
      // The booking's row is held locked until both requests wait on it, so both have read the
      // link as current before either moves the booking.
      const holder = new Client({ connectionString: t.databaseUrl });
      await holder.connect();
      let answers;
      try {
        await holder.query('begin');
        await holder.query('select 1 from bookings where id = $1 for update', [booking.id]);
        const racing = Promise.all(
          ['13:00', '15:00'].map((time) =>
            t.request('POST', `/api/v1/public/manage/${token}/reschedule`, { body: { start: b.at(b.day(12), time) } }),
          ),
        );
        await waitForLockWaiters(2);
        await holder.query('commit');
        answers = await racing;
      } finally {
        await holder.end();
      }
      expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
      const winner = answers.find((a) => a.status === 200)!;
      expectOutdated(answers.find((a) => a.status === 410)!);
      await expectUnchanged(booking.id, 'confirmed', winner.body.start);
    });

    it('treats a link signed before links named a version as out of date', async () => {
      const booking = await bookAt(13, '10:00');
      const [, payload] = tokenOf(booking.manageUrl).split('.');
      const { ver, ...claims } = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
      expect(ver).toBe(1);
      const signed = [
        Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url'),
        Buffer.from(JSON.stringify(claims)).toString('base64url'),
      ].join('.');
      const legacy = `${signed}.${createHmac('sha256', t.config.secrets.linkSigning.reveal()).update(signed).digest('base64url')}`;
      const view = await t.request('GET', `/api/v1/public/manage/${legacy}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ readOnly: true, canChange: false, booking: { id: booking.id } });
      expectOutdated(await t.request('POST', `/api/v1/public/manage/${legacy}/cancel`));
      await expectUnchanged(booking.id, 'confirmed', booking.start);
    });
  });

  it("answers a suspended business's links as its other public endpoints, and changes nothing", async () => {
    const other = await bookableTenant(t);
    const created = await t.request('POST', `/api/v1/public/${other.tenant.slug}/bookings`, {
      body: { serviceId: other.serviceId, start: other.at(other.day(5), '10:00'), customer: customer() },
    });
    const token = tokenOf(created.body.manageUrl);
    const suspend = await t.request('PATCH', `/api/v1/admin/tenants/${other.tenant.id}`, {
      token: await t.superAdminToken(),
      body: { status: 'suspended' },
    });
    expect(suspend.status).toBe(200);

    const profile = await t.request('GET', `/api/v1/public/${other.tenant.slug}`);
    expect(profile.status).toBe(404);
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['POST', '/cancel', undefined],
      ['POST', '/reschedule', { start: other.at(other.day(6), '10:00') }],
    ] as const) {
      const res = await t.request(method, `/api/v1/public/manage/${token}${path}`, { body });
      expect({ status: res.status, code: res.body.code, message: res.body.message }).toEqual({
        status: profile.status,
        code: profile.body.code,
        message: profile.body.message,
      });
    }
    const [row] = await t.sql('select status, start_at from bookings where id = $1', [created.body.id]);
    expect(row.status).toBe('confirmed');
    expect(new Date(row.start_at).toISOString()).toBe(created.body.start);
  });
});

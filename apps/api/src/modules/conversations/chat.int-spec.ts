import fc from 'fast-check';
import { DateTime } from 'luxon';
import { CHAT_STATES } from '@frontdesk/contracts';
import { type BookableTenant, bookableTenant, ZONE } from '../../../../../test/booking-fixtures';
import { TestApp } from '../../../../../test/harness';

describe('chat: the conversation engine over HTTP', () => {
  let t: TestApp;
  let b: BookableTenant;
  let phoneCounter = 0;
  const newPhone = () => `+1 212 555 ${String(2000 + phoneCounter++)}`;
  const chat = async (from: string, text: string) => {
    const res = await t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, { token: b.ownerToken, body: { from, text } });
    expect(res.status).toBe(200);
    return res.body as {
      replies: { text: string; options?: { id: string; label: string }[] }[];
      state: string;
      awaiting: string | null;
      bookingId: string | null;
    };
  };
  /** A weekday a few days ahead, as the customer would name it ("Thursday"). */
  const weekdayAhead = (n: number) => DateTime.now().setZone(ZONE).plus({ days: n });
  const bookingsOf = (phone: string) =>
    t.sql(
      `select b.id, b.status, b.source, b.start_at, b.staff_id, s.name as service from bookings b
         join customers c on c.id = b.customer_id join services s on s.id = b.service_id
        where c.phone = $1 order by b.created_at`,
      [phone],
    );

  beforeAll(async () => {
    t = await TestApp.start();
    b = await bookableTenant(t, { maxAdvanceDays: 60 });
    await t.request('POST', '/api/v1/services', {
      token: b.ownerToken,
      body: { name: 'Beard Trim', durationMinutes: 20, priceCents: 1800, aliases: ['beard'] },
    });
  });
  afterAll(() => t.close());

  it('books in one message plus a name and a yes', async () => {
    const phone = newPhone();
    const day = weekdayAhead(3);
    const first = await chat(phone, `Can I get a haircut on ${day.toFormat('LLL d')} at 3pm?`);
    expect(first.awaiting).toBe('name');
    const second = await chat(phone, 'Priya Patel');
    expect(second.state).toBe('CONFIRMING');
    expect(second.bookingId).toEqual(expect.any(String));
    const [held] = await bookingsOf('+1212555' + phone.slice(-4));
    expect(held.status).toBe('held');
    const third = await chat(phone, 'yes');
    expect(third.state).toBe('IDLE');
    const [booked] = await bookingsOf('+1212555' + phone.slice(-4));
    expect(booked).toMatchObject({ status: 'confirmed', source: 'chat', service: 'Haircut' });
    expect(DateTime.fromJSDate(booked.start_at, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm')).toBe(`${day.toISODate()} 15:00`);
    const [customer] = await t.sql(`select name from customers where phone = $1`, ['+1212555' + phone.slice(-4)]);
    expect(customer.name).toBe('Priya Patel');
  });

  it('books over several turns, choosing an offered time by number', async () => {
    const phone = newPhone();
    expect((await chat(phone, 'hi')).state).toBe('IDLE');
    const service = await chat(phone, 'I want to book an appointment');
    expect(service.awaiting).toBe('service');
    const date = await chat(phone, 'beard trim');
    expect(date.awaiting).toBe('date');
    const times = await chat(phone, weekdayAhead(4).toFormat('LLL d'));
    expect(times.awaiting).toBe('slot_choice');
    const options = times.replies.flatMap((r) => r.options ?? []);
    expect(options.length).toBeGreaterThan(0);
    const name = await chat(phone, '2');
    expect(name.awaiting).toBe('name');
    await chat(phone, 'my name is Tom Baker');
    const done = await chat(phone, 'yes please');
    expect(done.state).toBe('IDLE');
    const rows = await bookingsOf('+1212555' + phone.slice(-4));
    expect(rows.map((r) => [r.status, r.service])).toEqual([['confirmed', 'Beard Trim']]);
  });

  it('changes the time mid-flow without starting over, releasing the first hold', async () => {
    const phone = newPhone();
    const day = weekdayAhead(5);
    await chat(phone, `haircut ${day.toFormat('LLL d')} at 10am, this is Ana`);
    const changed = await chat(phone, 'actually 4pm');
    expect(changed.state).toBe('CONFIRMING');
    await chat(phone, 'yes');
    const rows = await bookingsOf('+1212555' + phone.slice(-4));
    expect(rows.map((r) => r.status)).toEqual(['expired', 'confirmed']);
    expect(DateTime.fromJSDate(rows[1].start_at, { zone: ZONE }).toFormat('HH:mm')).toBe('16:00');
  });

  it('keeps the first hold released when the new time is lost to another booking in the same step', async () => {
    const phone = newPhone();
    const day = weekdayAhead(7);
    await chat(phone, `haircut ${day.toFormat('LLL d')} at 10am, this is Ana`);
    // Another customer wins 4pm between the step's read and its insert: Postgres refuses the
    // insert as the exclusion constraint does, after the step's release of the 10am hold.
    const lost = b.at(day.toISODate()!, '16:00');
    await t.sql(`create function lose_race() returns trigger language plpgsql as $$
      begin
        if new.start_at = '${lost}'::timestamptz then
          raise exception using errcode = 'exclusion_violation', message = 'conflicting key value violates exclusion constraint';
        end if;
        return new;
      end $$`);
    await t.sql('create trigger lose_race before insert on bookings for each row execute function lose_race()');
    try {
      const changed = await chat(phone, 'actually 4pm');
      expect(changed.state).not.toBe('CONFIRMING');
      expect(changed.replies.map((r) => r.text).join(' ')).toMatch(/taken|no longer|just booked/i);
    } finally {
      await t.sql('drop trigger lose_race on bookings');
      await t.sql('drop function lose_race()');
    }
    // The release stands (its savepoint came before the refused hold's), and no 4pm booking exists.
    const rows = await bookingsOf('+1212555' + phone.slice(-4));
    expect(rows.map((r) => [r.status, DateTime.fromJSDate(r.start_at, { zone: ZONE }).toFormat('HH:mm')])).toEqual([
      ['expired', '10:00'],
    ]);
  });

  it('offers alternatives for a taken time', async () => {
    const day = weekdayAhead(6);
    for (const staffId of b.staffIds) {
      const res = await t.request('POST', `/api/v1/public/${b.tenant.slug}/bookings`, {
        body: {
          serviceId: b.serviceId,
          staffId,
          start: b.at(day.toISODate()!, '11:00'),
          customer: { name: 'X', phone: newPhone() },
        },
      });
      expect(res.status).toBe(201);
    }
    const phone = newPhone();
    const res = await chat(phone, `haircut ${day.toFormat('LLL d')} at 11am, I'm Lee`);
    expect(res.awaiting).toBe('slot_choice');
    expect(res.replies.map((r) => r.text).join(' ')).toMatch(/taken/);
    expect(res.replies.flatMap((r) => r.options ?? []).length).toBe(3);
  });

  it('cancels and reschedules an upcoming booking, answering "when is my appointment"', async () => {
    const phone = newPhone();
    const day = weekdayAhead(8);
    await chat(phone, `haircut ${day.toFormat('LLL d')} at 9am, my name is Sam`);
    await chat(phone, 'yes');
    const when = await chat(phone, 'when is my appointment?');
    expect(when.replies[0].text).toContain('Haircut');

    const move = await chat(phone, `I need to reschedule to ${day.plus({ days: 1 }).toFormat('LLL d')} at 2pm`);
    expect(move.state).toBe('RESCHEDULE_CONFIRM');
    await chat(phone, 'yes');
    let rows = await bookingsOf('+1212555' + phone.slice(-4));
    expect(rows).toHaveLength(1);
    expect(DateTime.fromJSDate(rows[0].start_at, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm')).toBe(
      `${day.plus({ days: 1 }).toISODate()} 14:00`,
    );

    const cancel = await chat(phone, 'please cancel my appointment');
    expect(cancel.state).toBe('CANCEL_CONFIRM');
    await chat(phone, 'yes');
    rows = await bookingsOf('+1212555' + phone.slice(-4));
    expect(rows[0].status).toBe('cancelled');
  });

  it('speaks Spanish when spoken to in Spanish', async () => {
    const phone = newPhone();
    const res = await chat(phone, 'Hola, quiero reservar un corte de pelo');
    expect(res.replies[0].text).toMatch(/¿/);
    const [customer] = await t.sql(`select language from customers where phone = $1`, ['+1212555' + phone.slice(-4)]);
    expect(customer.language).toBe('es');
  });

  it('flags the conversation and pauses the bot when the customer asks for a person', async () => {
    const phone = newPhone();
    const res = await chat(phone, 'can I talk to a real person?');
    expect(res.replies).toHaveLength(1);
    const silent = await chat(phone, 'hello?');
    expect(silent.replies).toEqual([]);
    const [conversation] = await t.sql(
      `select cv.flagged_for_staff, cv.bot_paused from conversations cv join customers c on c.id = cv.customer_id where c.phone = $1`,
      ['+1212555' + phone.slice(-4)],
    );
    expect(conversation).toEqual({ flagged_for_staff: true, bot_paused: true });
    const inbound = await t.sql(
      `select count(*)::int as n from messages m join conversations cv on cv.id = m.conversation_id join customers c on c.id = cv.customer_id where c.phone = $1 and m.direction = 'inbound'`,
      ['+1212555' + phone.slice(-4)],
    );
    expect(inbound[0].n).toBe(2);
  });

  it('serialises several messages from one customer sent at once', async () => {
    const phone = newPhone();
    const day = weekdayAhead(9);
    await chat(phone, `my name is Kim`);
    const results = await Promise.all(
      ['10am', '11am', '1pm', '2pm', '3pm'].map((time) => chat(phone, `haircut ${day.toFormat('LLL d')} at ${time}`)),
    );
    expect(results.every((r) => CHAT_STATES.includes(r.state as never))).toBe(true);
    // However they interleave, at most one hold stays active for this customer.
    const active = await t.sql(
      `select count(*)::int as n from bookings b join customers c on c.id = b.customer_id where c.phone = $1 and b.status in ('held', 'confirmed')`,
      ['+1212555' + phone.slice(-4)],
    );
    expect(active[0].n).toBe(1);
    const messages = await t.sql(
      `select count(*)::int as n from messages m join conversations cv on cv.id = m.conversation_id join customers c on c.id = cv.customer_id where c.phone = $1 and direction = 'inbound'`,
      ['+1212555' + phone.slice(-4)],
    );
    expect(messages[0].n).toBe(6);
  });

  it('answers 400 for a phone that cannot be normalised and 404 for an unknown business', async () => {
    expect(
      (
        await t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, {
          token: b.ownerToken,
          body: { from: 'abc', text: 'hi' },
        })
      ).status,
    ).toBe(400);
    expect((await t.request('POST', `/api/v1/public/nobody/chat`, { body: { from: '+12125550000', text: 'hi' } })).status).toBe(
      404,
    );
  });

  it('answers random text, unicode and emoji, and refuses empty, NUL or over-2,000-character messages with a 400', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.constantFrom('🙂💈✂️', '\u0000\u202e', '😀'.repeat(2000), 'ñ'.repeat(2000), 'ñ'.repeat(2001), 'a'.repeat(5000), ''),
          fc.lorem(),
        ),
        async (text) => {
          // A fresh customer each time: the first message always gets an answer.
          const res = await t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, {
            token: b.ownerToken,
            body: { from: newPhone(), text },
          });
          const characters = [...text].length;
          const refused = characters === 0 || characters > 2000 || text.includes('\u0000');
          expect({ status: res.status, code: res.body.code }).toEqual(
            refused ? { status: 400, code: 'validation_failed' } : { status: 200, code: undefined },
          );
          if (refused) return;
          expect(CHAT_STATES).toContain(res.body.state);
          expect(res.body.replies.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});

import { AsyncLocalStorage } from 'node:async_hooks';
import { DateTime } from 'luxon';
import { type AfterQueryEvent, DataSource, type EntitySubscriberInterface } from 'typeorm';
import { type BookableTenant, bookableTenant, bookFor, ZONE } from '../../../../../test/booking-fixtures';
import {
  channelTenant,
  type ChannelsTestApp,
  phoneNumber,
  postTwilioSms,
  startChannelsApp,
  twilioParams,
} from '../../../../../test/fakes/channels';
import type { TestApp } from '../../../../../test/harness';

/**
 * How many database round trips one chat message costs: every statement the app sends on its
 * real pool while the message is handled (TypeORM sends one statement per round trip, BEGIN
 * and COMMIT included). Statements of background workers run outside the message's async
 * context and are not counted.
 */
describe('chat: database round trips per message', () => {
  let c: ChannelsTestApp;
  let t: TestApp;
  let b: BookableTenant;
  const statements = new AsyncLocalStorage<string[]>();

  beforeAll(async () => {
    c = await startChannelsApp();
    t = c.t;
    b = await bookableTenant(t, { maxAdvanceDays: 60 });
    const counter: EntitySubscriberInterface = {
      afterQuery: (event: AfterQueryEvent) => void statements.getStore()?.push(event.query),
    };
    t.app.get(DataSource).subscribers.push(counter);
  });
  afterAll(() => c.stop());

  /** The statements one message sent, and the state it left the conversation in. */
  const chat = async (from: string, text: string) => {
    const sent: string[] = [];
    const res = await statements.run(sent, () =>
      t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, { token: b.ownerToken, body: { from, text } }),
    );
    expect(res.status).toBe(200);
    return { sent, state: (res.body as { state: string }).state };
  };

  /**
   * A message that books nothing: BEGIN, the tenant set with the customer's lock taken and the
   * catalog and the conversation read (with upcoming bookings and the last reminder, the inbound
   * message recorded) in one call, the new state with the replies, COMMIT. The business's slug
   * was resolved by the first message and is remembered (`PublicTenants.idOf`).
   */
  const PLAIN_MESSAGE = 4;
  /**
   * A message whose step holds, confirms or cancels a booking: the booking's statements come on
   * top, inside a savepoint (not released: COMMIT keeps it), re-checking the slot against the
   * catalog and schedule the step already read. Holding (10): the schedule read for the engine,
   * the customer's name written (answering the customer's row the booking is made for), the
   * staff lock, the booking inserted and scored in one statement, its score stored with the audit
   * record. Confirming (10): the hold locked, the customer's bookings scored, the staff lock, the
   * update answering the booking with its score, the audit record with the reminders (the
   * tenant's deposit and reminder settings came with the catalog); a customer with other bookings
   * ahead has their new scores stored on top, in one statement. Cancelling (9): the booking
   * locked, the update answering it with the customer's counts, the customer's other bookings
   * scored, the audit record with the reminders dropped.
   */
  const BOOKING_MESSAGE = 10;

  it(`takes at most ${PLAIN_MESSAGE} round trips for a message that books nothing, ${BOOKING_MESSAGE} for one that does`, async () => {
    const phone = '+1 212 555 7001';
    const day = DateTime.now().setZone(ZONE).plus({ days: 3 }).toFormat('LLL d');
    // The customer's first message creates their record; the counted conversation starts after it.
    await chat(phone, 'hi there');
    const script: [text: string, state: string, books: boolean][] = [
      ['hello', 'IDLE', false],
      [`Can I get a haircut on ${day} at 3pm? this is Priya Patel`, 'CONFIRMING', true],
      ['yes', 'IDLE', true],
      ['when is my appointment?', 'IDLE', false],
      ['how much is a haircut?', 'IDLE', false],
      ['cancel my appointment', 'CANCEL_CONFIRM', false],
      ['yes, cancel it', 'IDLE', true],
    ];
    const over: Record<string, number> = {};
    for (const [text, state, books] of script) {
      const { sent, state: reached } = await chat(phone, text);
      expect(reached).toBe(state);
      expect(sent.length).toBeGreaterThan(0);
      if (sent.length > (books ? BOOKING_MESSAGE : PLAIN_MESSAGE)) over[text] = sent.length;
    }
    expect(over).toEqual({});
  });

  it(`stores the scores of the customer's other bookings with one statement, however many they have`, async () => {
    const phone = '+1 212 555 7003';
    await chat(phone, 'hi there');
    // Three confirmed bookings ahead: confirming a hold scores each of them again.
    for (const days of [5, 6, 7]) {
      expect(await bookFor(t, b, phone, { date: b.day(days), time: '10:00' }, 'Sam Lee')).toMatchObject({ status: 'confirmed' });
    }
    const day = DateTime.now().setZone(ZONE).plus({ days: 3 }).toFormat('LLL d');
    expect((await chat(phone, `Can I get a haircut on ${day} at 4pm? this is Sam Lee`)).state).toBe('CONFIRMING');
    const confirmed = await chat(phone, 'yes');
    expect(confirmed.state).toBe('IDLE');
    const scoresStored = confirmed.sent.filter((sql) => /\bupdate bookings( b)? set risk_score\b/i.test(sql));
    expect(scoresStored).toHaveLength(1);
    // One statement on top of a confirmation with nothing else to score.
    expect(confirmed.sent.length).toBeLessThanOrEqual(BOOKING_MESSAGE + 1);
  });

  it(`takes at most ${PLAIN_MESSAGE} round trips for an SMS that books nothing, once its number's business is known`, async () => {
    const shop = await channelTenant(t);
    const from = phoneNumber();
    const sms = async (text: string) => {
      const sent: string[] = [];
      const res = await statements.run(sent, () =>
        postTwilioSms(c, twilioParams({ To: shop.smsNumber, From: from, Body: text })),
      );
      expect(res.status).toBe(200);
      return sent.length;
    };
    // The first message finds the number's business (and creates the customer's record).
    await sms('hi there');
    const counts = [];
    for (const text of ['hello', 'how much is a haircut?', 'when is my appointment?']) counts.push(await sms(text));
    expect(counts.every((n) => n > 0 && n <= PLAIN_MESSAGE)).toBe(true);
  });
});

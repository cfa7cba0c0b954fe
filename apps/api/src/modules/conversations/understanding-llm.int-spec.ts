import { DateTime } from 'luxon';
import { understand } from '@frontdesk/conversation';
import { type BookableTenant, bookableTenant, ZONE } from '../../../../../test/booking-fixtures';
import { type ChatCompletionRequest, FakeOpenAI } from '../../../../../test/fakes/fake-openai';
import { TestApp } from '../../../../../test/harness';

/** What the service sends as the user message: the customer's text and what it knows. */
const sent = (request: ChatCompletionRequest) =>
  JSON.parse(request.messages.find((m) => m.role === 'user')!.content) as {
    message: string;
    today: string;
    services: { id: string; name: string; aliases: string[] }[];
    staff: { id: string; name: string }[];
    botAskedFor: string | null;
  };

/** Text the built-in understanding cannot read; only the "model" knows what it means. */
const GIBBERISH = 'zorp blorf the snerk, quux';

describe('understanding with a language model (LLM_BASE_URL at an OpenAI-compatible server)', () => {
  let fake: FakeOpenAI;
  let t: TestApp;
  let b: BookableTenant;
  let phones = 0;
  const newPhone = () => `+1 917 555 ${String(3000 + phones++)}`;
  const e164 = (phone: string) => phone.replace(/\s/g, '');
  const day = DateTime.now().setZone(ZONE).plus({ days: 4 });
  const chat = async (from: string, text: string) => {
    const res = await t.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, { token: b.ownerToken, body: { from, text } });
    expect(res.status).toBe(200);
    return res.body as { replies: { text: string }[]; state: string; awaiting: string | null; bookingId: string | null };
  };
  const bookingsOf = (phone: string) =>
    t.sql(
      `select b.status, b.start_at from bookings b join customers c on c.id = b.customer_id where c.phone = $1 order by b.created_at`,
      [e164(phone)],
    );

  beforeAll(async () => {
    fake = await new FakeOpenAI().start();
    t = await TestApp.start({
      LLM_BASE_URL: `${fake.url}/v1`,
      LLM_API_KEY: fake.apiKey,
      LLM_MODEL: 'frontdesk-test-model',
      // Generous for a loaded machine; the slow answer below takes far longer.
      LLM_TIMEOUT_MS: '1500',
    });
    b = await bookableTenant(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  it('uses the extraction of the model, which the built-in understanding could not make', async () => {
    // The premise: on its own, Frontdesk does not understand this message.
    const builtIn = understand(GIBBERISH, {
      now: new Date(),
      timezone: ZONE,
      country: 'US',
      services: [{ id: b.serviceId, name: 'Haircut', aliases: ['cut'] }],
      staff: [],
    });
    expect(builtIn.intent).toBe('unknown');

    fake.respond = (request) => {
      const { message } = sent(request);
      if (message === GIBBERISH) {
        return JSON.stringify({
          intent: 'book',
          language: 'en',
          serviceId: b.serviceId,
          date: day.toISODate(),
          time: '15:00',
          name: 'Priya Patel',
          // Strict structured outputs send every key; the ones that do not apply are null.
          staffId: null,
          anyStaff: null,
          dateRange: null,
          approximate: null,
          timeBound: null,
          timeOfDay: null,
          earliest: null,
          sameTime: null,
          email: null,
          optionIndex: null,
        });
      }
      return JSON.stringify(message === 'ok then' ? { intent: 'yes', language: 'en' } : { intent: 'unknown', language: 'en' });
    };
    const phone = newPhone();
    const held = await chat(phone, GIBBERISH);
    expect(held).toMatchObject({ state: 'CONFIRMING', awaiting: 'confirmation', bookingId: expect.any(String) });
    const [hold] = await bookingsOf(phone);
    expect(hold.status).toBe('held');
    expect(DateTime.fromJSDate(hold.start_at, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm')).toBe(`${day.toISODate()} 15:00`);

    // "ok then" means yes here only because the model says so.
    const done = await chat(phone, 'ok then');
    expect(done.state).toBe('IDLE');
    expect((await bookingsOf(phone)).map((r) => r.status)).toEqual(['confirmed']);
    const [customer] = await t.sql(`select name from customers where phone = $1`, [e164(phone)]);
    expect(customer.name).toBe('Priya Patel');
  });

  it('asks with the bearer key, the model, the JSON schema and what the customer said', async () => {
    const phone = newPhone();
    await chat(phone, 'hello there');
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    const [body] = fake.completions;
    expect(body.model).toBe('frontdesk-test-model');
    expect(body.temperature).toBe(0);
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'understanding', strict: true } });
    const schema = (body.response_format as { json_schema: { schema: Record<string, any> } }).json_schema.schema;
    expect(schema.additionalProperties).toBe(false);
    // Strict structured outputs: every key required, the optional ones nullable.
    expect([...schema.required].sort()).toEqual(Object.keys(schema.properties).sort());
    expect(schema.properties.intent.enum).toEqual(expect.arrayContaining(['book', 'inform', 'change', 'choose', 'unknown']));
    expect(schema.properties.timeBound.anyOf).toEqual([{ type: 'string', enum: ['after', 'before'] }, { type: 'null' }]);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['anyStaff', 'timeBound', 'dateRange', 'optionIndex']));
    const system = body.messages.find((m) => m.role === 'system')!.content;
    for (const word of ['inform', 'anyStaff', 'timeBound', 'optionIndex']) expect(system).toContain(word);
    const user = sent(body);
    expect(user.message).toBe('hello there');
    expect(user.services).toEqual([{ id: b.serviceId, name: 'Haircut', aliases: ['cut'] }]);
    expect(user.staff.map((s) => s.id).sort()).toEqual([...b.staffIds].sort());
  });

  describe('falls back to the built-in understanding', () => {
    // The built-in understanding books this in one message; the model's answer would not.
    // A day of its own each time, so no case finds the time taken by another.
    let days = 10;
    const bookingText = () => `Can I get a haircut on ${day.plus({ days: days++ }).toFormat('LLL d')} at 11am? this is Ana Silva`;

    it.each<[string, (fake: FakeOpenAI) => void]>([
      ['an answer that is not JSON', (f) => (f.respond = () => 'Sure! The customer wants a haircut.')],
      ['JSON that is not an understanding', (f) => (f.respond = () => JSON.stringify({ intent: 'teleport', language: 'fr' }))],
      [
        'a date that is not one',
        (f) => (f.respond = () => JSON.stringify({ intent: 'book', language: 'en', date: '2026-02-30', time: '25:00' })),
      ],
      [
        'a service id the business does not have',
        (f) =>
          (f.respond = () =>
            JSON.stringify({ intent: 'cancel', language: 'en', serviceId: '00000000-0000-4000-8000-000000000000' })),
      ],
      [
        'an option index when no options were offered',
        (f) => (f.respond = () => JSON.stringify({ intent: 'choose', language: 'en', optionIndex: 2 })),
      ],
      [
        'an answer slower than LLM_TIMEOUT_MS',
        (f) => ((f.delayMs = 4000), (f.respond = () => JSON.stringify({ intent: 'cancel', language: 'en' }))),
      ],
      ['a 500 from the server', (f) => f.failNext(1, 500)],
      ['a 429 from the server', (f) => f.failNext(1, 429)],
    ])('on %s, answering 200 all the same', async (_case, arrange) => {
      arrange(fake);
      const phone = newPhone();
      const reply = await chat(phone, bookingText());
      // The model was asked, and the built-in understanding carried the message anyway.
      expect(fake.requests.length).toBeGreaterThan(0);
      expect(reply).toMatchObject({ state: 'CONFIRMING', awaiting: 'confirmation', bookingId: expect.any(String) });
      expect(reply.replies.length).toBeGreaterThan(0);
      expect((await bookingsOf(phone)).map((r) => r.status)).toEqual(['held']);
    });

    it('when the key is wrong (401)', async () => {
      const wrongKey = await TestApp.start(
        {
          LLM_BASE_URL: `${fake.url}/v1`,
          LLM_API_KEY: 'sk-wrong',
          LLM_MODEL: 'frontdesk-test-model',
          LLM_TIMEOUT_MS: '1500',
          // The same signing secret, so the owner's token signed by the first app holds here too.
          JWT_SECRET: t.config.secrets.jwt.reveal(),
        },
        t.databaseUrl,
      );
      try {
        const phone = newPhone();
        const res = await wrongKey.request('POST', `/api/v1/public/${b.tenant.slug}/chat`, {
          token: b.ownerToken,
          body: { from: phone, text: bookingText() },
        });
        expect(res.status).toBe(200);
        expect(res.body.state).toBe('CONFIRMING');
        expect(fake.requests[0].headers.authorization).toBe('Bearer sk-wrong');
      } finally {
        await wrongKey.close();
      }
    });
  });

  // Last: the format it settles on stays for the life of the process.
  it('asks for a JSON object when the server refuses a JSON schema, and keeps doing so', async () => {
    fake.rejectJsonSchema = true;
    fake.respond = (request) =>
      JSON.stringify(
        sent(request).message === GIBBERISH
          ? {
              intent: 'book',
              language: 'en',
              serviceId: b.serviceId,
              date: day.plus({ days: 2 }).toISODate(),
              time: '10:00',
              name: 'Sam Lee',
            }
          : { intent: 'unknown', language: 'en' },
      );
    const phone = newPhone();
    const held = await chat(phone, GIBBERISH);
    expect(held.state).toBe('CONFIRMING');
    expect(fake.completions.map((c) => c.response_format?.type)).toEqual(['json_schema', 'json_object']);

    await chat(phone, 'hmm');
    expect(fake.completions.map((c) => c.response_format?.type)).toEqual(['json_schema', 'json_object', 'json_object']);
  });
});

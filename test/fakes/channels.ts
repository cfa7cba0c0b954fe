import { SchedulerRegistry } from '@nestjs/schedule';
import { createHmac, randomBytes } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio';
import { DeliveryError } from '../../apps/api/src/modules/channels/messaging-channel';
import { OUTBOX_INTERVAL_NAME, OutboxSender } from '../../apps/api/src/modules/channels/outbox-sender';
import { bookableTenant, type BookableTenant } from '../booking-fixtures';
import { TestApp, type TestResponse } from '../harness';
import { FakeTwilio } from './fake-twilio';
import { FakeWhatsApp } from './fake-whatsapp';

export const PUBLIC_BASE_URL = 'https://frontdesk.example';
export const TWILIO_SMS_PATH = '/webhooks/twilio/sms';
export const WHATSAPP_PATH = '/webhooks/whatsapp';

export interface ChannelsTestApp {
  t: TestApp;
  twilio: FakeTwilio;
  whatsapp: FakeWhatsApp;
  outbox: OutboxSender;
  appSecret: string;
  verifyToken: string;
  stop(): Promise<void>;
}

/**
 * The app wired to fake Twilio and Graph API servers, with the outbox's interval stopped so
 * tests drive it with `outbox.deliverDue()`; `env` adds to (or overrides) its environment.
 */
export async function startChannelsApp(env: Record<string, string> = {}): Promise<ChannelsTestApp> {
  const twilio = await new FakeTwilio().start();
  const whatsapp = await new FakeWhatsApp().start();
  const appSecret = randomBytes(16).toString('hex');
  const verifyToken = randomBytes(8).toString('hex');
  const t = await TestApp.start({
    PUBLIC_BASE_URL,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_API_BASE_URL: twilio.url,
    WHATSAPP_ACCESS_TOKEN: whatsapp.accessToken,
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: verifyToken,
    WHATSAPP_API_BASE_URL: whatsapp.url,
    ...env,
  });
  t.app.get(SchedulerRegistry).deleteInterval(OUTBOX_INTERVAL_NAME);
  return {
    t,
    twilio,
    whatsapp,
    outbox: t.app.get(OutboxSender),
    appSecret,
    verifyToken,
    async stop() {
      await t.close();
      await twilio.stop();
      await whatsapp.stop();
    },
  };
}

let numbers = 0;
/** A fresh US number, unique in this process: `+1 212 555 01xx`-style but never repeated. */
export function phoneNumber(): string {
  numbers++;
  return `+1646${String(process.pid % 1000).padStart(3, '0')}${String(numbers).padStart(4, '0')}`;
}

/** A bookable tenant with its SMS number and WhatsApp phone number id set through the API. */
export async function channelTenant(t: TestApp): Promise<BookableTenant & { smsNumber: string; whatsappId: string }> {
  const b = await bookableTenant(t);
  const smsNumber = phoneNumber();
  const whatsappId = String(1_000_000_000 + Math.floor(Math.random() * 8_000_000_000));
  const res = await t.request('PUT', '/api/v1/settings/channels', {
    token: b.ownerToken,
    body: { smsNumber, whatsappPhoneNumberId: whatsappId },
  });
  if (res.status !== 200) throw new Error(`setting channels failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...b, smsNumber, whatsappId };
}

// ---- Twilio ----

export interface TwilioInbound {
  To: string;
  From: string;
  Body: string;
  MessageSid?: string;
}

/** Twilio's form fields for an inbound SMS. */
export function twilioParams(message: TwilioInbound): Record<string, string> {
  const sid = message.MessageSid ?? `SM${randomBytes(16).toString('hex')}`;
  return {
    ToCountry: 'US',
    ToState: 'NY',
    SmsMessageSid: sid,
    NumMedia: '0',
    SmsSid: sid,
    SmsStatus: 'received',
    Body: message.Body,
    To: message.To,
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: 'ACfake',
    From: message.From,
    ApiVersion: '2010-04-01',
  };
}

/**
 * Posts an inbound SMS the way Twilio does: form-encoded, signed over PUBLIC_BASE_URL + path
 * and the parameters. `signature: null` sends none; a string sends that one.
 */
export function postTwilioSms(
  c: ChannelsTestApp,
  params: Record<string, string>,
  options: { signature?: string | null; authToken?: string } = {},
): Promise<TestResponse<string>> {
  const signature =
    options.signature === undefined
      ? getExpectedTwilioSignature(options.authToken ?? c.twilio.authToken, `${PUBLIC_BASE_URL}${TWILIO_SMS_PATH}`, params)
      : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  return c.t.request('POST', TWILIO_SMS_PATH, { payload: new URLSearchParams(params).toString(), headers });
}

/** The texts of a TwiML answer's <Message> elements. */
export function twimlMessages(xml: string): string[] {
  return [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) =>
    m[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

// ---- WhatsApp ----

type WhatsAppMessage = Record<string, unknown> & { id: string };

export const waText = (from: string, text: string, id = wamid()): WhatsAppMessage => ({
  from: from.replace(/^\+/, ''),
  id,
  timestamp: String(Math.floor(Date.now() / 1000)),
  type: 'text',
  text: { body: text },
});

export const waButtonTap = (from: string, optionId: string, title: string, id = wamid()): WhatsAppMessage => ({
  from: from.replace(/^\+/, ''),
  id,
  timestamp: String(Math.floor(Date.now() / 1000)),
  type: 'interactive',
  interactive: { type: 'button_reply', button_reply: { id: optionId, title } },
});

export const waListTap = (from: string, optionId: string, title: string, id = wamid()): WhatsAppMessage => ({
  from: from.replace(/^\+/, ''),
  id,
  timestamp: String(Math.floor(Date.now() / 1000)),
  type: 'interactive',
  interactive: { type: 'list_reply', list_reply: { id: optionId, title } },
});

export function wamid(): string {
  return `wamid.${randomBytes(20).toString('base64url')}`;
}

/** Meta's notification envelope for one business phone number. */
export function waNotification(
  phoneNumberId: string,
  value: { messages?: WhatsAppMessage[]; statuses?: Record<string, unknown>[] },
) {
  const contacts = (value.messages ?? []).map((m) => ({ profile: { name: 'Customer' }, wa_id: m.from }));
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
              ...(value.messages ? { contacts, messages: value.messages } : {}),
              ...(value.statuses ? { statuses: value.statuses } : {}),
            },
          },
        ],
      },
    ],
  };
}

/**
 * Posts a notification the way Meta does: JSON, signed with HMAC-SHA256 of the exact bytes.
 * `signature: null` sends none; a string sends that one.
 */
export function postWhatsApp(
  c: ChannelsTestApp,
  body: unknown,
  options: { signature?: string | null; raw?: string } = {},
): Promise<TestResponse> {
  const payload = options.raw ?? JSON.stringify(body);
  const signature =
    options.signature === undefined
      ? `sha256=${createHmac('sha256', c.appSecret).update(payload).digest('hex')}`
      : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return c.t.request('POST', WHATSAPP_PATH, { payload, headers });
}

// ---- state ----

export async function messageCounts(t: TestApp): Promise<{ inbound: number; outbound: number }> {
  const [row] = await t.sql(
    `select count(*) filter (where direction = 'inbound')::int as inbound, count(*) filter (where direction = 'outbound')::int as outbound from messages`,
  );
  return row;
}

export async function conversationOf(t: TestApp, tenantId: string, phone: string) {
  const [row] = await t.sql(
    `select cv.* from conversations cv join customers c on c.id = cv.customer_id where cv.tenant_id = $1 and c.phone = $2`,
    [tenantId, phone],
  );
  return row as { id: string; state: string; awaiting: string | null; booking_id: string | null; updated_at: Date } | undefined;
}

/** The answer a customer gives to what the bot is waiting for, for driving a booking to the end. */
export function answerFor(awaiting: string | null): string {
  if (awaiting === null) throw new Error('Did not expect the bot to wait for nothing before the booking is made');
  switch (awaiting) {
    case 'service':
      return 'Haircut';
    case 'date':
      return 'tomorrow';
    case 'time':
      return '10am';
    case 'name':
      return 'Priya Patel';
    case 'confirmation':
      return 'yes';
    case 'staff':
    case 'slot_choice':
    case 'booking_choice':
      return '1';
    default:
      throw new Error(`Did not expect the bot to wait for ${String(awaiting)}`);
  }
}

/** The `DeliveryError` a channel's send rejects with (and fails the test when it resolves or throws something else). */
export async function deliveryFailureOf(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

import { randomBytes } from 'node:crypto';
import { FakeHttpServer, type FakeAnswer, type RecordedRequest } from './fake-http-server';

export interface SentSms {
  sid: string;
  from: string;
  to: string;
  body: string;
  /** The `StatusCallback` URL the message was sent with, if any. */
  statusCallback: string | null;
}

/**
 * Twilio's Messages REST API: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` with a
 * form body and HTTP basic auth (AccountSid : AuthToken); answers 201 with the message's `sid`.
 */
export class FakeTwilio extends FakeHttpServer {
  /** Messages Twilio accepted, in order. */
  readonly sent: SentSms[] = [];
  /** Sids to give the next messages, in order (a test that must know one in advance); then random ones. */
  readonly nextSids: string[] = [];

  constructor(
    readonly accountSid = `AC${randomBytes(16).toString('hex')}`,
    readonly authToken = randomBytes(16).toString('hex'),
  ) {
    super();
  }

  override reset(): void {
    super.reset();
    this.sent.length = 0;
  }

  protected authenticate(request: RecordedRequest): FakeAnswer | null {
    const expected = `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`;
    if (request.headers.authorization !== expected) {
      return {
        status: 401,
        body: { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 },
      };
    }
    return null;
  }

  protected failure(status: number): unknown {
    return { code: 20500, message: 'Internal Server Error', more_info: 'https://www.twilio.com/docs/errors/20500', status };
  }

  protected answer(request: RecordedRequest): FakeAnswer {
    const path = `/2010-04-01/Accounts/${this.accountSid}/Messages.json`;
    if (request.method !== 'POST' || request.url !== path) {
      return { status: 404, body: { code: 20404, message: 'The requested resource was not found', status: 404 } };
    }
    const form = new URLSearchParams(request.body);
    const [from, to, body] = [form.get('From'), form.get('To'), form.get('Body')];
    if (!from || !to || !body) return { status: 400, body: { code: 21602, message: 'Message body is required.', status: 400 } };
    if (body.length > 1600)
      return {
        status: 400,
        body: { code: 21617, message: 'The concatenated message body exceeds the 1600 character limit.', status: 400 },
      };
    const sid = this.nextSids.shift() ?? `SM${randomBytes(16).toString('hex')}`;
    this.sent.push({ sid, from, to, body, statusCallback: form.get('StatusCallback') });
    return {
      status: 201,
      body: {
        sid,
        account_sid: this.accountSid,
        from,
        to,
        body,
        status: 'queued',
        num_segments: String(Math.ceil(body.length / 153)),
        direction: 'outbound-api',
        api_version: '2010-04-01',
        date_created: new Date().toUTCString(),
        uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`,
      },
    };
  }
}

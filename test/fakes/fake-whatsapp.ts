import { randomBytes } from 'node:crypto';
import { FakeHttpServer, type FakeAnswer, type RecordedRequest } from './fake-http-server';

export interface SentWhatsApp {
  id: string;
  phoneNumberId: string;
  /** The request body as sent: `{messaging_product, to, type, text | interactive, …}`. */
  payload: Record<string, any>;
}

/**
 * The Graph API's WhatsApp Cloud API send endpoint: `POST /{phone_number_id}/messages` with
 * `Authorization: Bearer <token>`; answers `{messaging_product, contacts, messages:[{id}]}`.
 */
export class FakeWhatsApp extends FakeHttpServer {
  readonly sent: SentWhatsApp[] = [];

  constructor(readonly accessToken = `EAA${randomBytes(16).toString('hex')}`) {
    super();
  }

  override reset(): void {
    super.reset();
    this.sent.length = 0;
  }

  protected authenticate(request: RecordedRequest): FakeAnswer | null {
    if (request.headers.authorization !== `Bearer ${this.accessToken}`) {
      return {
        status: 401,
        body: { error: { message: 'Invalid OAuth access token.', type: 'OAuthException', code: 190, fbtrace_id: 'fake' } },
      };
    }
    return null;
  }

  protected failure(status: number): unknown {
    return { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1, fbtrace_id: 'fake', status } };
  }

  protected answer(request: RecordedRequest): FakeAnswer {
    const match = /^\/([0-9]+)\/messages$/.exec(request.url);
    if (request.method !== 'POST' || !match) return { status: 404, body: { error: { message: 'Unknown path', code: 803 } } };
    let payload: Record<string, any>;
    try {
      payload = JSON.parse(request.body);
    } catch {
      return { status: 400, body: { error: { message: 'Invalid JSON', code: 100 } } };
    }
    if (
      payload.messaging_product !== 'whatsapp' ||
      typeof payload.to !== 'string' ||
      !['text', 'interactive', 'template'].includes(payload.type) ||
      (payload.type === 'template' &&
        (typeof payload.template?.name !== 'string' || typeof payload.template?.language?.code !== 'string'))
    ) {
      return { status: 400, body: { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 } } };
    }
    const id = `wamid.${randomBytes(24).toString('base64url')}`;
    this.sent.push({ id, phoneNumberId: match[1], payload });
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: payload.to, wa_id: payload.to.replace(/^\+/, '') }],
        messages: [{ id }],
      },
    };
  }
}

import { randomBytes } from 'node:crypto';
import { FakeHttpServer, type FakeAnswer, type RecordedRequest } from './fake-http-server';

/** The parts of a `POST /v1/chat/completions` body the fake and the tests read. */
export interface ChatCompletionRequest {
  model: string;
  messages: { role: 'system' | 'user' | 'assistant' | 'developer'; content: string }[];
  temperature?: number;
  response_format?:
    | { type: 'text' | 'json_object' }
    | { type: 'json_schema'; json_schema: { name: string; schema?: Record<string, unknown>; strict?: boolean | null } };
}

const error = (message: string, type: string, code: string | null = null, param: string | null = null) => ({
  error: { message, type, param, code },
});

/**
 * An OpenAI-compatible chat completions server (OpenAI, Groq, vLLM, llama.cpp and others speak
 * the same wire format): `POST /v1/chat/completions` with `Authorization: Bearer <key>`,
 * answering a `chat.completion` object whose first choice carries the assistant's text.
 * What the "model" says is up to the test (`respond`); it can be slow (`delayMs`), fail
 * (`failNext`), or refuse `response_format: json_schema` as servers without structured
 * outputs do (`rejectJsonSchema`).
 */
export class FakeOpenAI extends FakeHttpServer {
  /** The assistant message's content for a request. Default: nothing understood. */
  respond: (request: ChatCompletionRequest) => string = () => JSON.stringify({ intent: 'unknown', language: 'en' });
  /** Answer 400 to `response_format: {type: 'json_schema'}`, as a server without structured outputs. */
  rejectJsonSchema = false;

  constructor(readonly apiKey = `sk-test-${randomBytes(12).toString('hex')}`) {
    super();
  }

  /** The bodies of the completion requests received, in order. */
  get completions(): ChatCompletionRequest[] {
    return this.requests.filter((r) => r.url === '/v1/chat/completions').map((r) => JSON.parse(r.body) as ChatCompletionRequest);
  }

  override reset(): void {
    super.reset();
    this.respond = () => JSON.stringify({ intent: 'unknown', language: 'en' });
    this.rejectJsonSchema = false;
  }

  protected authenticate(request: RecordedRequest): FakeAnswer | null {
    if (request.headers.authorization !== `Bearer ${this.apiKey}`) {
      return {
        status: 401,
        body: error(
          'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
          'invalid_request_error',
          'invalid_api_key',
        ),
      };
    }
    return null;
  }

  protected failure(status: number): unknown {
    return error(
      'The server had an error while processing your request. Sorry about that!',
      status >= 500 ? 'server_error' : 'invalid_request_error',
    );
  }

  protected answer(request: RecordedRequest): FakeAnswer {
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      return { status: 404, body: error(`Invalid URL (${request.method} ${request.url})`, 'invalid_request_error') };
    }
    let body: ChatCompletionRequest;
    try {
      body = JSON.parse(request.body) as ChatCompletionRequest;
    } catch {
      return { status: 400, body: error('We could not parse the JSON body of your request.', 'invalid_request_error') };
    }
    if (typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0) {
      return { status: 400, body: error("Missing required parameter: 'model' or 'messages'.", 'invalid_request_error') };
    }
    if (this.rejectJsonSchema && body.response_format?.type === 'json_schema') {
      return {
        status: 400,
        body: error(
          "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
          'invalid_request_error',
          null,
          'response_format',
        ),
      };
    }
    const content = this.respond(body);
    return {
      status: 200,
      body: {
        id: `chatcmpl-${randomBytes(12).toString('base64url')}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 200, completion_tokens: 30, total_tokens: 230 },
        system_fingerprint: 'fp_fake',
      },
    };
  }
}

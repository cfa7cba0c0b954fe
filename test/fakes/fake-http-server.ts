import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeAnswer {
  status: number;
  body: unknown;
  /** A page for a browser instead of JSON: the body is sent as is with these headers. */
  raw?: { headers: Record<string, string> };
}

/**
 * A provider stand-in on 127.0.0.1 (a free port): records every request, and can answer
 * the next N with 500 to exercise retries.
 */
export abstract class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private failuresLeft = 0;
  private failuresSkipped = 0;
  private failureStatus = 500;
  private failureBody: unknown;

  /** `http://127.0.0.1:<port>` once started. */
  url = '';
  /** Milliseconds to wait before answering: a slow provider. */
  delayMs = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Answers still being delayed are dropped with their connections. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /**
   * The next `count` requests that pass authentication answer `status` (500 by default) with
   * the provider's error body, or `options.body`; `options.after` lets that many succeed first.
   */
  failNext(count: number, status = 500, options: { after?: number; body?: unknown } = {}): void {
    this.failuresLeft = count;
    this.failuresSkipped = options.after ?? 0;
    this.failureStatus = status;
    this.failureBody = options.body;
  }

  reset(): void {
    this.requests.length = 0;
    this.delayMs = 0;
    this.failuresLeft = 0;
    this.failuresSkipped = 0;
  }

  /** May take its time (a slow provider). */
  protected abstract answer(request: RecordedRequest): FakeAnswer | Promise<FakeAnswer>;
  protected abstract failure(status: number): unknown;
  /** Null when the request is authenticated; otherwise the error answer. */
  protected abstract authenticate(request: RecordedRequest): FakeAnswer | null;

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.requests.push(request);
    let answer = this.authenticate(request);
    if (!answer && this.failuresLeft > 0) {
      if (this.failuresSkipped > 0) {
        this.failuresSkipped--;
      } else {
        this.failuresLeft--;
        answer = { status: this.failureStatus, body: this.failureBody ?? this.failure(this.failureStatus) };
      }
    }
    if (this.delayMs > 0) await new Promise((resolve) => this.timers.add(setTimeout(resolve, this.delayMs)));
    answer ??= await this.answer(request);
    if (res.destroyed) return;
    if (answer.raw) {
      res.writeHead(answer.status, answer.raw.headers);
      res.end(typeof answer.body === 'string' ? answer.body : '');
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }
}

import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { validationFailed } from './errors/app-error';

/**
 * Deepest JSON nesting a request body may have. The deepest real body (deposit rules:
 * settings → primeTime → windows → [] → {} → days) is 6; class-transformer copies bodies
 * recursively and overflowed the stack at a few thousand levels (a 500).
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether the JSON text nests deeper than `maxDepth`: one pass over the bytes, brackets inside
 * strings skipped, no parsing (UTF-8 continuation bytes never equal an ASCII byte).
 */
export function jsonNestsDeeperThan(body: Buffer | string, maxDepth: number): boolean {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (OPENERS.has(byte)) {
      if (++depth > maxDepth) return true;
    } else if (CLOSERS.has(byte)) {
      depth--;
    }
  }
  return false;
}

/**
 * The path (`body.customer.name`) of the first string, or object key, holding U+0000, or
 * undefined. Postgres cannot store the NUL character in text, so it is refused at the edge
 * for every route at once. Iterative: the value may come from a parser other than ours.
 */
export function pathOfNul(value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path;
    } else if (typeof current === 'object' && current !== null && !Buffer.isBuffer(current)) {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\u0000')) return path;
        stack.push([child, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

/** A client's `X-Request-Id` is kept only when it is a short token of safe characters. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(header: unknown): string {
  return typeof header === 'string' && SAFE_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Fastify options for the request id and the router's own errors (malformed URL, 414). */
export const httpInputOptions = {
  // Not `requestIdHeader`: Fastify would take any value a client sends into logs and answers.
  requestIdHeader: false,
  genReqId: (request: { headers: Record<string, unknown> }) => requestIdFrom(request.headers['x-request-id']),
  // The router rejects a malformed URL before any hook or Nest runs; answer in the contract's shape
  // instead of Fastify's `{"code":"FST_ERR_BAD_URL"}`.
  frameworkErrors: (error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => {
    const statusCode = error.statusCode === 414 ? 414 : 400;
    void reply
      .code(statusCode)
      .header('x-request-id', request.id)
      .header('x-content-type-options', 'nosniff')
      .send({ statusCode, code: 'validation_failed', message: 'The URL is malformed' });
  },
} as const;

/**
 * Installs the input checks every route gets, before Nest sees a request: the JSON parser that
 * refuses deep nesting (keeping the raw body for signature checks), and a preValidation hook
 * that refuses U+0000 in the path, the query and the body of every route but the provider webhooks. Call before NestFactory.create.
 */
export function installHttpInputGuards(adapter: FastifyAdapter): void {
  const fastify = adapter.getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  adapter.useBodyParser('application/json', true, { bodyLimit: fastify.initialConfig.bodyLimit }, (request, body, done) => {
    if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(validationFailed([`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`]));
      return;
    }
    void parseJson(request, body.toString('utf8'), done);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    // A provider's signed message is never refused for its content (it would be lost); the
    // webhooks drop U+0000 from what they read once the signature is checked.
    if (request.url.startsWith('/webhooks/')) {
      done();
      return;
    }
    const where = pathOfNul(request.params, 'path') ?? pathOfNul(request.query, 'query') ?? pathOfNul(request.body, 'body');
    if (where) {
      done(validationFailed([`${where} must not contain the NUL character (U+0000)`]));
      return;
    }
    done();
  });
}

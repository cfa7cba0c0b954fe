import { createHash } from 'node:crypto';
import { createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { ApiHeaderOptions } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import stringify from 'safe-stable-stringify';
import type { EntityManager } from 'typeorm';
import { AppError, conflict, validationFailed } from '../../common/errors/app-error';

/** How long a key's first answer is kept and replayed (a Postgres interval). */
export const IDEMPOTENCY_KEY_LIFETIME = '24 hours';

/** The endpoints that honour the header; a key is one tenant's, on one of them. */
export type IdempotencyScope = 'bookings.public' | 'bookings.admin';

/** A request sent with an `Idempotency-Key`: where it went, the key, and the body it carried. */
export interface IdempotentRequest {
  scope: IdempotencyScope;
  key: string;
  body: unknown;
}

/** What to answer: a status and body, and whether they repeat an earlier request's. */
export interface Answer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export const IDEMPOTENCY_KEY_HEADER: ApiHeaderOptions = {
  name: 'Idempotency-Key',
  required: false,
  description:
    'Up to 255 printable characters (else 400 `validation_failed`). A repeat with the same key within 24 hours returns ' +
    'the first answer (same status and body, with `Idempotent-Replayed: true`) and creates nothing; the same key with ' +
    'a different body answers 422 `idempotency_key_reused`. Keys are per business. Only a created booking is ' +
    'remembered: a refused request wrote nothing, and its retry is decided afresh.',
};

const PRINTABLE_KEY = /^[\x20-\x7E]{1,255}$/;

/** The request's `Idempotency-Key` header: absent, or 1–255 printable ASCII characters (else 400). */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !PRINTABLE_KEY.test(value)) {
    throw validationFailed('The Idempotency-Key header must be 1 to 255 printable ASCII characters');
  }
  return value;
});

/** Sets `answer`'s status (and marks a replay) on the reply; returns the body to send. */
export function sendAnswer<T>(reply: FastifyReply, answer: Answer<T>): T {
  void reply.status(answer.status);
  if (answer.replayed) void reply.header('idempotent-replayed', 'true');
  return answer.body;
}

/**
 * Claims a key: a new row, or the row of an expired answer taken over. Nothing comes back when
 * the key holds a live answer. A concurrent transaction holding the same key makes this wait
 * until it ends: committed, its answer is then read; rolled back, this one claims the key.
 */
const CLAIM_SQL = `
  insert into idempotency_keys (tenant_id, scope, key, request_hash) values ($1, $2, $3, $4)
  on conflict (tenant_id, scope, key) do update
     set request_hash = excluded.request_hash, response_status = null, response_body = null, created_at = now()
   where idempotency_keys.created_at <= now() - $5::interval
  returning 1`;

interface StoredAnswer {
  requestHash: string;
  status: number | null;
  body: unknown;
}

/**
 * Create endpoints' `Idempotency-Key`: a request repeated with the same key gets the first
 * answer and creates nothing. The key row is written in the caller's tenant transaction before
 * the work and the answer beside it before the commit, so a key never outlives its work nor
 * the other way round, and racing requests with one key run the work once.
 *
 * Only the work's successful answer is remembered. A refused request (a 4xx) rolls back with
 * its key: nothing was written, so a retry with the same key is decided afresh (the slot may
 * be free by then), which is what a client retrying a refusal wants.
 */
@Injectable()
export class IdempotencyKeys {
  async once<T>(
    m: EntityManager,
    tenantId: string,
    request: IdempotentRequest | undefined,
    status: number,
    work: () => Promise<T>,
  ): Promise<Answer<T>> {
    if (!request) return { status, body: await work(), replayed: false };
    const hash = requestHash(request.body);
    const where = [tenantId, request.scope, request.key];
    const claimed = await m.query<unknown[]>(CLAIM_SQL, [...where, hash, IDEMPOTENCY_KEY_LIFETIME]);
    if (claimed.length === 0) return this.replay<T>(m, where, hash);
    const body = await work();
    await m.query(
      `update idempotency_keys set response_status = $4, response_body = $5
        where tenant_id = $1 and scope = $2 and key = $3`,
      [...where, status, JSON.stringify(body)],
    );
    return { status, body, replayed: false };
  }

  private async replay<T>(m: EntityManager, where: string[], hash: string): Promise<Answer<T>> {
    const [stored] = await m.query<StoredAnswer[]>(
      `select request_hash as "requestHash", response_status as status, response_body as body
         from idempotency_keys where tenant_id = $1 and scope = $2 and key = $3`,
      where,
    );
    // Only an answered key is ever committed; this is the purge racing a claim, at worst.
    if (!stored || stored.status === null) throw conflict('A request with this Idempotency-Key is in progress; try again');
    if (stored.requestHash !== hash) throw idempotencyKeyReused();
    return { status: stored.status, body: stored.body as T, replayed: true };
  }
}

export const idempotencyKeyReused = () =>
  new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body');

/** The body's fingerprint: its JSON with keys sorted, so the same fields in another order count as the same. */
const requestHash = (body: unknown) =>
  createHash('sha256')
    .update(stringify(body) ?? '')
    .digest('hex');

import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryFailedError } from 'typeorm';
import type { ErrorBody, ErrorCode } from '@frontdesk/contracts';
import { AppError } from './app-error';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  410: 'link_expired',
  413: 'payload_too_large',
  429: 'rate_limited',
};

/** A 4xx without a code of its own (405, 414, 415, …): the request was wrong in some way. */
const codeOf = (status: number): ErrorCode => CODE_BY_STATUS[status] ?? (status < 500 ? 'validation_failed' : 'internal_error');

/** Postgres error codes that mean the request itself was wrong, not the server. */
const PG_CLIENT_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  '23505': { status: 409, code: 'conflict', message: 'This conflicts with an existing record' },
  '23503': { status: 409, code: 'conflict', message: 'This refers to a record that does not exist or is still in use' },
  '23514': { status: 400, code: 'validation_failed', message: 'A value is out of its allowed range' },
  '22P02': { status: 400, code: 'validation_failed', message: 'A value has the wrong format' },
  '22007': { status: 400, code: 'validation_failed', message: 'A date or time is not valid' },
  '22008': { status: 400, code: 'validation_failed', message: 'A date or time is out of range' },
};

/** The one exception filter: every error leaves as `{statusCode, code, message, ...extra}`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    // A probe's 503 while starting or draining is the answer, not a fault.
    if (body.statusCode >= 500 && body.code !== 'not_ready')
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (body.statusCode === 429 && typeof body.retryAfterSeconds === 'number') {
      void reply.header('Retry-After', String(body.retryAfterSeconds));
    }
    void reply.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppError) {
      return exception.getResponse() as ErrorBody;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? (response as { message: string | string[] }).message
          : exception.message;
      return { statusCode: status, code: codeOf(status), message };
    }
    if (exception instanceof QueryFailedError) {
      const pgCode = (exception.driverError as { code?: string }).code ?? '';
      const known = PG_CLIENT_ERRORS[pgCode];
      if (known) return { statusCode: known.status, code: known.code, message: known.message };
    }
    // Errors thrown by Fastify itself (malformed JSON, body too large, wrong content type).
    const fastifyStatus = (exception as { statusCode?: number } | null)?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return {
        statusCode: fastifyStatus,
        code: codeOf(fastifyStatus),
        message: (exception as Error).message,
      };
    }
    return { statusCode: 500, code: 'internal_error', message: 'Something went wrong on our side' };
  }
}

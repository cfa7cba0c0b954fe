import { HttpException } from '@nestjs/common';
import type { ErrorCode } from '@frontdesk/contracts';

/** An error with a stable machine `code`, rendered as the contract's error shape. */
export class AppError extends HttpException {
  constructor(
    status: number,
    readonly code: ErrorCode,
    message: string | string[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super({ statusCode: status, code, message, ...extra }, status);
  }
}

export const notFound = (what = 'Resource') => new AppError(404, 'not_found', `${what} not found`);
export const validationFailed = (message: string | string[]) => new AppError(400, 'validation_failed', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError(403, 'forbidden', message);
export const conflict = (message: string, extra?: Record<string, unknown>) => new AppError(409, 'conflict', message, extra);

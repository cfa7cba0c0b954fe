/** Stable machine codes of the error shape `{statusCode, code, message, ...extra}`. */
export const ERROR_CODES = [
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'slug_taken',
  'slot_unavailable',
  'too_late',
  'service_not_offered',
  'deposit_required',
  'link_invalid',
  'link_expired',
  'rate_limited',
  'payload_too_large',
  'idempotency_key_reused',
  'tenant_suspended',
  'payment_provider_error',
  'internal_error',
  'state_invalid',
  'not_ready',
  'shutting_down',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string | string[];
  [extra: string]: unknown;
}

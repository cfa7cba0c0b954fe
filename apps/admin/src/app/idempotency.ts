import { useMemo, useRef } from 'react';

/**
 * The `Idempotency-Key` of a create form's submission. Sending the same request again (a
 * retry after a network error, or after any failure) reuses the key, so a booking the server
 * made while the answer was lost is answered again instead of made twice. A changed request is
 * a new submission with a new key; `succeeded` ends the submission.
 */
export function useIdempotencyKey(): { keyFor: (request: unknown) => string; succeeded: () => void } {
  const submission = useRef<{ request: string; key: string } | null>(null);
  return useMemo(
    () => ({
      keyFor: (request: unknown) => {
        const text = JSON.stringify(request);
        if (submission.current?.request !== text) submission.current = { request: text, key: newKey() };
        return submission.current.key;
      },
      succeeded: () => {
        submission.current = null;
      },
    }),
    [],
  );
}

/** A random UUID; `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost). */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

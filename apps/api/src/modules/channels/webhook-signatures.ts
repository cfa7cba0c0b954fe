import { createHmac, timingSafeEqual } from 'node:crypto';
import { validateRequest } from 'twilio';

/**
 * Meta's `X-Hub-Signature-256: sha256=<hex>`: an HMAC-SHA256 of the exact bytes received,
 * keyed with the app secret, compared in constant time.
 */
export function metaSignatureValid(rawBody: Buffer, header: string | undefined, appSecret: string | undefined): boolean {
  if (!appSecret || !header) return false;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

/** `sha256=<hex>` for a body: what Meta sends, and what tests sign with. */
export function metaSignature(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Twilio's `X-Twilio-Signature` over the URL Twilio called (our public base URL and the
 * request's path and query) and the form parameters; Twilio's own library checks it.
 */
export function twilioSignatureValid(
  authToken: string | undefined,
  signature: string | undefined,
  url: string,
  params: Record<string, unknown>,
): boolean {
  if (!authToken || !signature) return false;
  return validateRequest(authToken, signature, url, params);
}

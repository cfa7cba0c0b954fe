import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';

/**
 * The 6-digit codes a web visitor proves a phone with. Only a hash is stored: an HMAC keyed
 * with LINK_SIGNING_SECRET over the session, the phone and the code, so a copy of the database
 * alone cannot try the million codes, and a hash is good for one session and phone only.
 */
@Injectable()
export class VerificationCodes {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  generate(): string {
    return String(randomInt(0, 1_000_000)).padStart(6, '0');
  }

  hash(webChatId: string, phone: string, code: string): string {
    return createHmac('sha256', this.config.secrets.linkSigning.reveal())
      .update(`web-chat-code:${webChatId}:${phone}:${code}`)
      .digest('base64url');
  }

  /** Compared in constant time. */
  matches(stored: string, webChatId: string, phone: string, code: string): boolean {
    const expected = Buffer.from(stored);
    const given = Buffer.from(this.hash(webChatId, phone, code));
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

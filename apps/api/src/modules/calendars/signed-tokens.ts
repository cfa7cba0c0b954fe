import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';

/** How long a consent page may stay open before its `state` no longer connects anything. */
export const GOOGLE_STATE_TTL_MS = 15 * 60_000;

/** Who a Google consent was started for. */
export interface GoogleState {
  tenantId: string;
  staffId: string;
}

export type StateCheck = { ok: true; state: GoogleState } | { ok: false; reason: 'invalid' | 'expired' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The secrets handed out by the calendar features, HMAC-signed with LINK_SIGNING_SECRET, each
 * kind under its own label so one can never pass for another: the OAuth `state` (tenant, staff
 * member, expiry) and the ICS feed URL's token (a feed's token id; rotating the id revokes it).
 */
@Injectable()
export class SignedTokens {
  private readonly secret: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secret = config.secrets.linkSigning.reveal();
  }

  googleState(state: GoogleState, now: Date): string {
    const payload = Buffer.from(
      JSON.stringify({
        t: state.tenantId,
        s: state.staffId,
        e: now.getTime() + GOOGLE_STATE_TTL_MS,
        n: randomBytes(8).toString('hex'),
      }),
    ).toString('base64url');
    return `${payload}.${this.sign('google-state', payload)}`;
  }

  checkGoogleState(value: string | undefined, now: Date): StateCheck {
    const [payload, signature, ...rest] = (value ?? '').split('.');
    if (!payload || !signature || rest.length || !this.verify('google-state', payload, signature))
      return { ok: false, reason: 'invalid' };
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { t: string; s: string; e: number };
    if (parsed.e <= now.getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, state: { tenantId: parsed.t, staffId: parsed.s } };
  }

  feedToken(tokenId: string): string {
    return `${tokenId}.${this.sign('calendar-feed', tokenId)}`;
  }

  /** The token id of a genuine feed token, else null. */
  feedTokenId(token: string): string | null {
    const [tokenId, signature, ...rest] = token.split('.');
    if (!tokenId || !signature || rest.length || !UUID.test(tokenId)) return null;
    return this.verify('calendar-feed', tokenId, signature) ? tokenId : null;
  }

  private sign(label: string, payload: string): string {
    return createHmac('sha256', this.secret).update(`${label}:${payload}`).digest('base64url');
  }

  private verify(label: string, payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(label, payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

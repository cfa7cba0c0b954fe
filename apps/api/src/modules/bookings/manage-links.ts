import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../../common/errors/app-error';
import { appointmentStarted } from './booking-errors';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';

interface ManageClaims {
  /** Booking id. */
  bid: string;
  /** Tenant id: routes the public link to its tenant without a slug. */
  tid: string;
  /** The booking's version the link was issued for (absent from links signed before links named one). */
  ver?: number;
  /** Expiry (seconds): the appointment's start. */
  exp: number;
}

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** What a verified manage link names. */
export interface ManageLink {
  bookingId: string;
  tenantId: string;
  /** The booking's version when the link was issued; 0 for links issued before links named one. */
  version: number;
}

/**
 * Signed links that let a customer view, cancel or reschedule one booking without an account:
 * an HS256 JWT (algorithm pinned) signed with LINK_SIGNING_SECRET, expiring at the start, and
 * naming the booking's version: a link issued before the booking's latest change is out of date.
 */
@Injectable()
export class ManageLinks {
  /**
   * Signing is on every booking's answer. jsonwebtoken, given the secret as text, first tries
   * (and fails) to read it as a private key and then builds a key object, on every call: that
   * was a tenth of a booking's CPU time. The key is built once here and the token signed with
   * it directly; `verify` still goes through the library.
   */
  private readonly signingKey: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.signingKey = createSecretKey(Buffer.from(config.secrets.linkSigning.reveal()));
  }

  /** `issuedAt`: pass a fixed instant to get the same token every time (a Checkout Session's return URL). */
  token(bookingId: string, tenantId: string, version: number, start: Date, issuedAt = new Date()): string {
    const claims: ManageClaims & { iat: number } = {
      bid: bookingId,
      tid: tenantId,
      ver: version,
      exp: Math.floor(start.getTime() / 1000),
      iat: Math.floor(issuedAt.getTime() / 1000),
    };
    const signed = `${JWT_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${signed}.${createHmac('sha256', this.signingKey).update(signed).digest('base64url')}`;
  }

  url(bookingId: string, tenantId: string, version: number, start: Date, issuedAt?: Date): string {
    return `${this.config.publicBaseUrl}/manage/${this.token(bookingId, tenantId, version, start, issuedAt)}`;
  }

  /** What a token names: 401 `link_invalid` when tampered, 410 `link_expired` when past. */
  verify(token: string): ManageLink {
    let claims: ManageClaims;
    try {
      claims = this.jwt.verify<ManageClaims>(token, {
        secret: this.config.secrets.linkSigning.reveal(),
        algorithms: ['HS256'],
        ignoreExpiration: true,
      });
    } catch {
      throw linkInvalid();
    }
    if (typeof claims.bid !== 'string' || typeof claims.tid !== 'string' || typeof claims.exp !== 'number') {
      throw linkInvalid();
    }
    // A link expires when its appointment starts.
    if (claims.exp * 1000 <= Date.now()) throw appointmentStarted();
    // Links signed before they named a version count as out of date: they show, never change.
    const version = typeof claims.ver === 'number' && Number.isInteger(claims.ver) ? claims.ver : 0;
    return { bookingId: claims.bid, tenantId: claims.tid, version };
  }
}

export const linkInvalid = () => new AppError(401, 'link_invalid', 'This link is not valid');

/** A link issued before the booking's latest change: it may show the booking, not change it. */
export const linkOutdated = () =>
  new AppError(
    410,
    'link_expired',
    'This link is out of date: the booking has changed since it was sent. Use the link in your latest confirmation',
  );

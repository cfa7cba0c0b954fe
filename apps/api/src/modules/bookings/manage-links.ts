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
  /** Expiry (seconds): the appointment's start. */
  exp: number;
}

const JWT_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * Signed links that let a customer view, cancel or reschedule one booking without an account:
 * an HS256 JWT (algorithm pinned) signed with LINK_SIGNING_SECRET, expiring at the start.
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

  token(bookingId: string, tenantId: string, start: Date): string {
    const claims: ManageClaims & { iat: number } = {
      bid: bookingId,
      tid: tenantId,
      exp: Math.floor(start.getTime() / 1000),
      iat: Math.floor(Date.now() / 1000),
    };
    const signed = `${JWT_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${signed}.${createHmac('sha256', this.signingKey).update(signed).digest('base64url')}`;
  }

  url(bookingId: string, tenantId: string, start: Date): string {
    return `${this.config.publicBaseUrl}/manage/${this.token(bookingId, tenantId, start)}`;
  }

  /** The booking and tenant a token names: 401 `link_invalid` when tampered, 410 `link_expired` when past. */
  verify(token: string): { bookingId: string; tenantId: string } {
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
    return { bookingId: claims.bid, tenantId: claims.tid };
  }
}

export const linkInvalid = () => new AppError(401, 'link_invalid', 'This link is not valid');

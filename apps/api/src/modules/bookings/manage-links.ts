import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppError } from '../../common/errors/app-error';
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

/**
 * Signed links that let a customer view, cancel or reschedule one booking without an account:
 * an HS256 JWT (algorithm pinned) signed with LINK_SIGNING_SECRET, expiring at the start.
 */
@Injectable()
export class ManageLinks {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  token(bookingId: string, tenantId: string, start: Date): string {
    const claims: ManageClaims = { bid: bookingId, tid: tenantId, exp: Math.floor(start.getTime() / 1000) };
    return this.jwt.sign(claims, { secret: this.config.secrets.linkSigning.reveal(), algorithm: 'HS256' });
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
      throw new AppError(401, 'link_invalid', 'This link is not valid');
    }
    if (typeof claims.bid !== 'string' || typeof claims.tid !== 'string' || typeof claims.exp !== 'number') {
      throw new AppError(401, 'link_invalid', 'This link is not valid');
    }
    if (claims.exp * 1000 <= Date.now()) throw linkExpired();
    return { bookingId: claims.bid, tenantId: claims.tid };
  }
}

export const linkExpired = () => new AppError(410, 'link_expired', 'This appointment has already started, so the link no longer works');

import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { linkInvalid } from '../bookings/manage-links';

interface SessionClaims {
  /** The web chat's id. */
  wc: string;
  /** Its tenant: a session is good on that business's chat only. */
  tid: string;
}

/**
 * A web chat's session token: an HS256 JWT signed with LINK_SIGNING_SECRET, like the manage
 * links, naming the tenant and the web chat. Its claims differ from a manage link's, so neither
 * passes for the other. It carries no expiry of its own: the session ends when it has been idle
 * for `SESSION_IDLE_HOURS` (see the repository).
 */
@Injectable()
export class WebChatSessions {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  token(webChatId: string, tenantId: string): string {
    const claims: SessionClaims = { wc: webChatId, tid: tenantId };
    return this.jwt.sign(claims, { secret: this.config.secrets.linkSigning.reveal(), algorithm: 'HS256' });
  }

  /** The web chat a token names, when it is genuine and for `tenantId`; else 401 `link_invalid`. */
  verify(token: string, tenantId: string): string {
    let claims: Partial<SessionClaims>;
    try {
      claims = this.jwt.verify<SessionClaims>(token, { secret: this.config.secrets.linkSigning.reveal(), algorithms: ['HS256'] });
    } catch {
      throw linkInvalid();
    }
    if (typeof claims.wc !== 'string' || claims.tid !== tenantId) throw linkInvalid();
    return claims.wc;
  }
}

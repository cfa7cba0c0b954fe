import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResponse } from '@frontdesk/contracts';
import type { AccessTokenClaims } from '../../common/access/access.guard';
import { RateLimits } from '../../common/access/rate-limits.service';
import { Db } from '../../common/db/db.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { hashPassword, verifyPassword } from './passwords';

const WRONG_CREDENTIALS = 'Email or password is incorrect';

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly jwt: JwtService,
    private readonly rateLimits: RateLimits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(emailInput: string, password: string, ip: string): Promise<LoginResponse> {
    const email = emailInput.trim().toLowerCase();
    await this.rateLimits.assertLoginAllowed(email, ip);
    // The email decides the tenant: one narrow cross-tenant read.
    const user = await this.db.userForLogin(email);
    // The password is verified (against a decoy when the email is unknown) before anything else is
    // decided, and every refusal is the same answer: neither the time taken nor the response tells
    // whether the email exists, whether its business is suspended, or whether the password was right.
    const valid = await verifyPassword(user?.passwordHash ?? (await this.decoyHash()), password);
    const suspended = user !== null && user.tenantStatus !== null && user.tenantStatus !== 'active';
    if (!user || !valid || suspended) {
      await this.rateLimits.recordLoginFailure(email, ip);
      throw new AppError(401, 'unauthorized', WRONG_CREDENTIALS);
    }
    await this.rateLimits.recordLoginSuccess(email, ip);
    const claims: AccessTokenClaims = { sub: user.id, role: user.role, tid: user.tenantId };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: this.config.accessTokenTtlMinutes * 60,
    });
    const { id, name, role, tenantId } = user;
    return { accessToken, user: { id, email: user.email, name, role, tenantId } };
  }

  private decoy: Promise<string> | undefined;

  /**
   * A hash of nothing at the configured cost, verified against when the email is unknown, so
   * both paths take as long as a real user's.
   */
  private decoyHash(): Promise<string> {
    return (this.decoy ??= hashPassword('decoy-password-for-timing', this.config.passwordHashCost));
  }
}

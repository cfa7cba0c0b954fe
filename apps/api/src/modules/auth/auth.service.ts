import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { LoginResponse, User } from '@frontdesk/contracts';
import type { AccessTokenClaims } from '../../common/access/access.guard';
import { RateLimits } from '../../common/access/rate-limits.service';
import { Db } from '../../common/db/db.service';
import { AppError } from '../../common/errors/app-error';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config';
import { TenantEntity } from '../tenants/entities/tenant.entity';
import { UserEntity } from './entities/user.entity';
import { decoyPasswordHash, verifyPassword } from './passwords';

export const toUser = (u: UserEntity): User => ({ id: u.id, email: u.email, name: u.name, role: u.role, tenantId: u.tenantId });

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
    // Login is a reviewed cross-tenant path: the email decides the tenant.
    const found = await this.db.crossTenant(async (m) => {
      const user = await m.findOne(UserEntity, { where: { email } });
      const tenant = user?.tenantId ? await m.findOne(TenantEntity, { where: { id: user.tenantId } }) : null;
      return { user, tenant };
    });
    const valid = found.user
      ? await verifyPassword(found.user.passwordHash, password)
      : (await verifyPassword(await decoyPasswordHash(this.config.passwordHashCost), password), false);
    if (!found.user || !valid) {
      await this.rateLimits.recordLoginFailure(email, ip);
      throw new AppError(401, 'unauthorized', WRONG_CREDENTIALS);
    }
    if (found.tenant && found.tenant.status !== 'active') {
      throw new AppError(403, 'tenant_suspended', 'This business is suspended; contact support');
    }
    await this.rateLimits.recordLoginSuccess(email);
    const claims: AccessTokenClaims = { sub: found.user.id, role: found.user.role, tid: found.user.tenantId };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: this.config.accessTokenTtlMinutes * 60,
    });
    return { accessToken, user: toUser(found.user) };
  }
}

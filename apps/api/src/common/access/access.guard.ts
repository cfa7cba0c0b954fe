import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Role } from '@frontdesk/contracts';
import { Db, type UserAccess } from '../db/db.service';
import { AppError, forbidden } from '../errors/app-error';
import { setActor, setTenantContext } from '../tenancy/tenant-context';
import { ACCESS_KEY, type AccessRule } from './access.decorators';
import { RateLimits } from './rate-limits.service';
import { UserAccessCheck } from './user-access-check.service';

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  tid: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Access tokens whose signature was checked, remembered at once; the least recently used go first. */
const MAX_VERIFIED_TOKENS = 10_000;

const unauthorized = (message = 'Sign in to continue') => new AppError(401, 'unauthorized', message);

/**
 * The one access choke point, deny by default: authenticates the bearer token, checks it
 * against its user as it is now (`UserAccessCheck`), decides whether the caller may use the
 * route, and puts who and which tenant into the request context that `getTenantContext()` and
 * `Db.tx()` read.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);
  /**
   * A token's claims once its signature checked out: a signed-in person sends the same token with
   * every request, and the HMAC with the claims' decoding was a share of each. Its expiry is
   * checked again at every use, as `jwt.verify` does.
   */
  private readonly verified = new LRUCache<string, AccessTokenClaims & { exp: number }>({ max: MAX_VERIFIED_TOKENS });

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly db: Db,
    private readonly rateLimits: RateLimits,
    private readonly users: UserAccessCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!rule) {
      this.logger.error(`Route ${request.method} ${request.url} declares no access rule; denied`);
      throw forbidden();
    }
    if (rule.kind === 'public') {
      if (rule.rateLimited) await this.rateLimits.consumePublic(request.ip);
      if (rule.signedInMay && request.headers.authorization) await this.recogniseMember(request);
      return true;
    }

    const claims = await this.authenticate(request);
    const access = await this.users.check(claims);
    if (rule.kind === 'platform') {
      if (claims.role !== 'super_admin') throw forbidden('Only platform administrators can do this');
      setActor({ userId: claims.sub, role: claims.role, tenantId: null });
      return true;
    }

    const tenantId = await this.resolveTenant(claims, access, request, rule.roles);
    setActor({ userId: claims.sub, role: claims.role, tenantId });
    setTenantContext({ tenantId, userId: claims.sub, role: claims.role });
    return true;
  }

  /** On a public route: a tenant's owner or staff member (or a super-admin acting on one), else nobody. */
  private async recogniseMember(request: FastifyRequest): Promise<void> {
    try {
      const claims = await this.authenticate(request);
      const tenantId = await this.resolveTenant(claims, await this.users.check(claims), request, ['owner', 'staff']);
      setActor({ userId: claims.sub, role: claims.role, tenantId });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }

  private async authenticate(request: FastifyRequest): Promise<AccessTokenClaims> {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!token) throw unauthorized();
    const claims = await this.verify(token);
    // The user id goes to the database next: anything but a uuid would be a 500 there, not a 401.
    if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) throw unauthorized();
    return claims;
  }

  private async verify(token: string): Promise<AccessTokenClaims> {
    const known = this.verified.get(token);
    if (known && Math.floor(Date.now() / 1000) < known.exp) return known;
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp?: number }>(token, { algorithms: ['HS256'] });
      if (typeof claims.exp === 'number') this.verified.set(token, { ...claims, exp: claims.exp });
      return claims;
    } catch {
      throw unauthorized('Your session is invalid or has expired; sign in again');
    }
  }

  private async resolveTenant(
    claims: AccessTokenClaims,
    access: UserAccess,
    request: FastifyRequest,
    roles: Exclude<Role, 'super_admin'>[],
  ): Promise<string> {
    if (claims.role === 'super_admin') {
      const requested = request.headers['x-tenant-id'];
      if (typeof requested !== 'string' || !UUID.test(requested)) {
        throw forbidden('Send X-Tenant-Id to act on a tenant');
      }
      const status = await this.db.tenantStatus(requested);
      if (!status) throw new AppError(404, 'not_found', 'Tenant not found');
      return requested;
    }
    // Owners and staff always act in their own tenant, whatever X-Tenant-Id says.
    if (!claims.tid) throw unauthorized();
    if (!roles.includes(claims.role)) throw forbidden();
    if (access.tenantStatus !== 'active') throw new AppError(403, 'tenant_suspended', 'This business is suspended');
    return claims.tid;
  }
}

import { SetMetadata } from '@nestjs/common';
import type { Role } from '@frontdesk/contracts';

export const ACCESS_KEY = 'frontdesk:access';

/**
 * How a route may be reached. Every route declares one; the access guard denies any
 * route that does not (and a test walks all routes to catch it before it ships).
 */
export type AccessRule =
  /**
   * Anyone. `rateLimited`: counts against PUBLIC_RATE_LIMIT_PER_MINUTE per client IP.
   * `signedInMay`: a valid bearer token of the tenant's owners or staff (or a super-admin's with
   * X-Tenant-Id) is recognised and put in the context (`getActor()`); without one, or with one
   * that does not pass, the caller is anonymous. The route decides what a signed-in caller may do.
   */
  | { kind: 'public'; rateLimited: boolean; signedInMay?: boolean }
  /** Platform routes for super-admins only; no tenant context. */
  | { kind: 'platform' }
  /** Tenant-scoped routes: the listed roles of the tenant, or a super-admin sending X-Tenant-Id. */
  | { kind: 'tenant'; roles: Exclude<Role, 'super_admin'>[] };

export const Public = (options: { rateLimited?: boolean; signedInMay?: boolean } = {}) =>
  SetMetadata(ACCESS_KEY, {
    kind: 'public',
    rateLimited: options.rateLimited ?? false,
    ...(options.signedInMay && { signedInMay: true }),
  } satisfies AccessRule);

export const PlatformAdmin = () => SetMetadata(ACCESS_KEY, { kind: 'platform' } satisfies AccessRule);

/** Tenant-scoped: owners, and super-admins acting on a tenant. */
export const OwnerOnly = () => SetMetadata(ACCESS_KEY, { kind: 'tenant', roles: ['owner'] } satisfies AccessRule);

/** Tenant-scoped: owners and staff, and super-admins acting on a tenant. */
export const TenantMember = () => SetMetadata(ACCESS_KEY, { kind: 'tenant', roles: ['owner', 'staff'] } satisfies AccessRule);

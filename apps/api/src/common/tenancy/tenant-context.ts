import { ClsServiceManager } from 'nestjs-cls';
import type { Role } from '@frontdesk/contracts';

/** Who is acting, and for which tenant; set by the access guard after authentication. */
export interface TenantContext {
  tenantId: string;
  userId: string | null;
  role: Role | null;
}

export interface ActorContext {
  userId: string | null;
  role: Role | null;
  tenantId: string | null;
}

const TENANT_KEY = 'tenant';
const ACTOR_KEY = 'actor';

export class MissingTenantContextError extends Error {
  constructor() {
    super('No tenant context: this code ran outside a tenant-scoped request or Db.asTenant()');
  }
}

export function setTenantContext(context: TenantContext): void {
  ClsServiceManager.getClsService().set(TENANT_KEY, context);
}

/** The current tenant. Throws when missing, so a forgotten guard fails loudly instead of leaking. */
export function getTenantContext(): TenantContext {
  const cls = ClsServiceManager.getClsService();
  const context = cls.isActive() ? cls.get<TenantContext | undefined>(TENANT_KEY) : undefined;
  if (!context) throw new MissingTenantContextError();
  return context;
}

export function setActor(actor: ActorContext): void {
  ClsServiceManager.getClsService().set(ACTOR_KEY, actor);
}

/** The authenticated user, if any (absent on public routes and background jobs). */
export function getActor(): ActorContext | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.get<ActorContext | undefined>(ACTOR_KEY) : undefined;
}

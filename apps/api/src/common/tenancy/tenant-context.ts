import { AsyncLocalStorage } from 'node:async_hooks';
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

/** What one request has learnt of its caller: empty until the access guard sets it. */
interface RequestContext {
  tenant?: TenantContext;
  actor?: ActorContext;
}

const requestContext = new AsyncLocalStorage<RequestContext>();

/**
 * Runs `next` (the rest of a request's handling) with a context of its own, empty: what the
 * access guard sets there is seen by everything the request runs, and by nothing else.
 */
export function runRequest<T>(next: () => T): T {
  return requestContext.run({}, next);
}

export class MissingTenantContextError extends Error {
  constructor() {
    super('No tenant context: this code ran outside a tenant-scoped request or Db.asTenant()');
  }
}

function current(): RequestContext {
  const context = requestContext.getStore();
  if (!context) throw new Error('No request context: this code ran outside a request (see runRequest)');
  return context;
}

export function setTenantContext(context: TenantContext): void {
  current().tenant = context;
}

/** The current tenant. Throws when missing, so a forgotten guard fails loudly instead of leaking. */
export function getTenantContext(): TenantContext {
  const context = requestContext.getStore()?.tenant;
  if (!context) throw new MissingTenantContextError();
  return context;
}

export function setActor(actor: ActorContext): void {
  current().actor = actor;
}

/** The authenticated user, if any (absent on public routes and background jobs). */
export function getActor(): ActorContext | undefined {
  return requestContext.getStore()?.actor;
}

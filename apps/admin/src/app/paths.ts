import type { Role } from '@frontdesk/contracts';

/** Where a user lands after signing in. */
export function homePath(role: Role): string {
  return role === 'super_admin' ? '/tenants' : '/';
}

import type { AppConfig } from '../../config/config';
import type { Db, UserAccess } from '../db/db.service';
import { UserAccessCheck } from './user-access-check.service';

const TENANT = '6f1c2b4e-3d5a-4c7b-8e9f-0a1b2c3d4e5f';
const OWNER = { sub: 'u-owner', role: 'owner' as const, tid: TENANT };

/** A Db whose users are a map the test edits, counting the reads. */
function fakeDb(users: Map<string, UserAccess>) {
  const db = { reads: 0, userAccess: (id: string) => (db.reads++, Promise.resolve(users.get(id) ?? null)) };
  return db;
}

const clock = { ms: 1_000, now: () => clock.ms };
const checkWith = (db: ReturnType<typeof fakeDb>, userCheckCacheSeconds: number) =>
  new UserAccessCheck(db as unknown as Db, { userCheckCacheSeconds } as AppConfig, clock);

describe('UserAccessCheck', () => {
  let users: Map<string, UserAccess>;
  beforeEach(() => {
    users = new Map([[OWNER.sub, { role: 'owner', tenantId: TENANT, tenantStatus: 'active' }]]);
  });

  it('accepts a token that matches its user and answers the tenant status', async () => {
    await expect(checkWith(fakeDb(users), 30).check(OWNER)).resolves.toEqual({
      role: 'owner',
      tenantId: TENANT,
      tenantStatus: 'active',
    });
  });

  it.each([
    ['the user is gone', () => users.delete(OWNER.sub)],
    ['the role changed', () => users.set(OWNER.sub, { role: 'staff', tenantId: TENANT, tenantStatus: 'active' })],
    ['the tenant changed', () => users.set(OWNER.sub, { role: 'owner', tenantId: 'other', tenantStatus: 'active' })],
  ])('refuses with 401 when %s', async (_name, change) => {
    change();
    await expect(checkWith(fakeDb(users), 30).check(OWNER)).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('reads a user once per cache lifetime, and refuses a removed user once it has passed', async () => {
    const db = fakeDb(users);
    const check = checkWith(db, 30);
    await check.check(OWNER);
    users.delete(OWNER.sub);
    clock.ms += 29_000;
    await expect(check.check(OWNER)).resolves.toBeDefined();
    expect(db.reads).toBe(1);
    clock.ms += 2_000;
    await expect(check.check(OWNER)).rejects.toMatchObject({ status: 401 });
    expect(db.reads).toBe(2);
  });

  it('reads on every check when the lifetime is 0', async () => {
    const db = fakeDb(users);
    const check = checkWith(db, 0);
    await check.check(OWNER);
    users.delete(OWNER.sub);
    await expect(check.check(OWNER)).rejects.toMatchObject({ status: 401 });
    expect(db.reads).toBe(2);
  });

  it("forgets a tenant's users when told, and only theirs", async () => {
    const other = { sub: 'u-other', role: 'owner' as const, tid: 'other-tenant' };
    users.set(other.sub, { role: 'owner', tenantId: other.tid, tenantStatus: 'active' });
    const db = fakeDb(users);
    const check = checkWith(db, 30);
    await check.check(OWNER);
    await check.check(other);
    users.set(OWNER.sub, { role: 'owner', tenantId: TENANT, tenantStatus: 'suspended' });
    check.forgetTenant(TENANT);
    await expect(check.check(OWNER)).resolves.toMatchObject({ tenantStatus: 'suspended' });
    await check.check(other);
    expect(db.reads).toBe(3);
  });
});

import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { TestApp } from '../../../../../test/harness';
import { Db } from '../db/db.service';
import { ACCESS_KEY, type AccessRule } from './access.decorators';
import { AccessGuard } from './access.guard';
import { RateLimits } from './rate-limits.service';
import { UserAccessCheck } from './user-access-check.service';

interface Route {
  method: string;
  path: string;
  rule: AccessRule | undefined;
}

function allRoutes(t: TestApp): Route[] {
  const discovery = t.app.get(DiscoveryService);
  const scanner = t.app.get(MetadataScanner);
  return discovery.getControllers().flatMap((wrapper) => {
    const instance = wrapper.instance as object;
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const rule =
        (Reflect.getMetadata(ACCESS_KEY, handler) as AccessRule | undefined) ??
        (Reflect.getMetadata(ACCESS_KEY, wrapper.metatype as object) as AccessRule | undefined);
      return [{ method, path: `/${[base, path].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/\/$/, ''), rule }];
    });
  });
}

describe('route walk: every route is either guarded or explicitly public', () => {
  let t: TestApp;
  let routes: Route[];
  beforeAll(async () => {
    t = await TestApp.start();
    routes = allRoutes(t);
  });
  afterAll(() => t.close());

  it('finds the application routes', () => {
    expect(routes.length).toBeGreaterThan(5);
    expect(routes).toContainEqual(expect.objectContaining({ method: 'POST', path: '/api/v1/auth/login' }));
  });

  it('declares an access rule on every route', () => {
    const undeclared = routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('answers 401 to every non-public route called without a token', async () => {
    const guarded = routes.filter((r) => r.rule && r.rule.kind !== 'public');
    expect(guarded.length).toBeGreaterThan(0);
    for (const route of guarded) {
      const url = route.path.replace(/:[^/]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.request(route.method, url, { body: route.method === 'GET' ? undefined : {} });
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it('denies a route that declares no rule (deny by default)', async () => {
    const guard = new AccessGuard(
      t.app.get(Reflector),
      t.app.get(JwtService),
      t.app.get(Db),
      t.app.get(RateLimits),
      t.app.get(UserAccessCheck),
    );
    const context = {
      getHandler: () => function undeclared() {},
      getClass: () => class Undeclared {},
      switchToHttp: () => ({ getRequest: () => ({ method: 'GET', url: '/x', headers: {} }) }),
    };
    await expect(guard.canActivate(context as never)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';

const withDataDir = (env: Record<string, string> = {}) => ({
  DATA_DIR: mkdtempSync(join(tmpdir(), 'frontdesk-config-spec-')),
  ...env,
});

describe('password hashing cost', () => {
  it("defaults to argon2's own parameters (64 MiB, 3 passes, 4 lanes)", () => {
    expect(loadConfig(withDataDir()).passwordHashCost).toEqual({ memoryCost: 65536, timeCost: 3, parallelism: 4 });
  });

  it('reads each parameter from the environment', () => {
    const config = loadConfig(
      withDataDir({ PASSWORD_HASH_MEMORY_KIB: '2048', PASSWORD_HASH_TIME_COST: '2', PASSWORD_HASH_PARALLELISM: '2' }),
    );
    expect(config.passwordHashCost).toEqual({ memoryCost: 2048, timeCost: 2, parallelism: 2 });
  });

  it.each([
    [{ PASSWORD_HASH_TIME_COST: '0' }, /PASSWORD_HASH_TIME_COST/],
    [{ PASSWORD_HASH_PARALLELISM: 'many' }, /PASSWORD_HASH_PARALLELISM/],
    [{ PASSWORD_HASH_MEMORY_KIB: '16', PASSWORD_HASH_PARALLELISM: '4' }, /PASSWORD_HASH_MEMORY_KIB/],
  ])('refuses %j and names the variable', (env, message) => {
    expect(() => loadConfig(withDataDir(env))).toThrow(ConfigError);
    expect(() => loadConfig(withDataDir(env))).toThrow(message);
  });
});

describe('trusted proxies', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig(withDataDir()).trustedProxies).toEqual([]);
  });

  it('reads addresses, CIDR ranges and range names, separated by commas', () => {
    expect(loadConfig(withDataDir({ TRUSTED_PROXIES: '10.0.0.1, 10.1.0.0/16,fd00::/8 ,loopback' })).trustedProxies).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      'fd00::/8',
      'loopback',
    ]);
  });

  it.each(['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/8', '*'])('refuses %j and names the variable', (value) => {
    expect(() => loadConfig(withDataDir({ TRUSTED_PROXIES: value }))).toThrow(ConfigError);
    expect(() => loadConfig(withDataDir({ TRUSTED_PROXIES: value }))).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('user check cache', () => {
  it('trusts what it read of a user for 30 s by default, and for 0..60 s when set', () => {
    expect(loadConfig(withDataDir()).userCheckCacheSeconds).toBe(30);
    expect(loadConfig(withDataDir({ USER_CHECK_CACHE_SECONDS: '0' })).userCheckCacheSeconds).toBe(0);
    expect(() => loadConfig(withDataDir({ USER_CHECK_CACHE_SECONDS: '61' }))).toThrow(/USER_CHECK_CACHE_SECONDS/);
  });
});

describe('Stripe', () => {
  it("talks to Stripe's API with no fee by default, and to the given base URL and fee when set", () => {
    const unset = loadConfig(withDataDir()).stripe;
    expect(unset.secretKey).toBeUndefined();
    expect(unset.apiBaseUrl.href).toBe('https://api.stripe.com/');
    expect(unset.platformFeePercent).toBe(0);
    const set = loadConfig(
      withDataDir({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_API_BASE_URL: 'http://127.0.0.1:4010', PLATFORM_FEE_PERCENT: '2.5' }),
    ).stripe;
    expect(set.secretKey?.reveal()).toBe('sk_test_x');
    expect(set.apiBaseUrl.port).toBe('4010');
    expect(set.platformFeePercent).toBe(2.5);
  });

  it('refuses a fee outside 0..100 and a base URL that is not one', () => {
    expect(() => loadConfig(withDataDir({ PLATFORM_FEE_PERCENT: '101' }))).toThrow(/PLATFORM_FEE_PERCENT/);
    expect(() => loadConfig(withDataDir({ STRIPE_API_BASE_URL: 'stripe' }))).toThrow(/STRIPE_API_BASE_URL/);
  });
});

describe('Google Calendar', () => {
  it('is unavailable without GOOGLE_CLIENT_ID', () => {
    expect(loadConfig(withDataDir()).google).toBeNull();
  });

  it("talks to Google's hosts unless told otherwise", () => {
    const google = loadConfig(withDataDir({ GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 'secret' })).google!;
    expect(google).toMatchObject({
      clientId: 'id',
      consentBaseUrl: 'https://accounts.google.com',
      oauthBaseUrl: 'https://oauth2.googleapis.com',
      apiBaseUrl: 'https://www.googleapis.com',
    });
    expect(String(google.clientSecret)).toBe('[secret]');
  });

  it('sends consent, tokens and the Calendar API to the overrides', () => {
    const google = loadConfig(
      withDataDir({
        GOOGLE_CLIENT_ID: 'id',
        GOOGLE_CLIENT_SECRET: 'secret',
        GOOGLE_OAUTH_BASE_URL: 'http://127.0.0.1:9000/',
        GOOGLE_API_BASE_URL: 'http://127.0.0.1:9001',
      }),
    ).google!;
    expect(google).toMatchObject({
      consentBaseUrl: 'http://127.0.0.1:9000',
      oauthBaseUrl: 'http://127.0.0.1:9000',
      apiBaseUrl: 'http://127.0.0.1:9001',
    });
  });

  it.each([
    [{ GOOGLE_CLIENT_ID: 'id' }, /GOOGLE_CLIENT_SECRET/],
    [{ GOOGLE_CLIENT_ID: 'id', GOOGLE_CLIENT_SECRET: 's', GOOGLE_API_BASE_URL: 'not a url' }, /GOOGLE_API_BASE_URL/],
  ])('refuses %j and names the variable', (env, message) => {
    expect(() => loadConfig(withDataDir(env))).toThrow(message);
  });
});

describe('database pool size', () => {
  it('is twice the cores and one by default, and 2..100 when set', () => {
    expect(loadConfig(withDataDir()).databasePoolSize).toBe(2 * availableParallelism() + 1);
    expect(loadConfig(withDataDir({ DB_POOL_SIZE: '8' })).databasePoolSize).toBe(8);
    expect(() => loadConfig(withDataDir({ DB_POOL_SIZE: '1' }))).toThrow(/DB_POOL_SIZE/);
  });
});

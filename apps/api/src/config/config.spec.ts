import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/config';
import { TokenCipher } from './token-cipher';

const cipherWith = (key: string) =>
  new TokenCipher(loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'frontdesk-cipher-')), ENCRYPTION_KEY: key }));

describe('TokenCipher (AES-256-GCM)', () => {
  const cipher = cipherWith('11'.repeat(32));

  it('reads back what it sealed, never the same bytes twice', () => {
    const a = cipher.encrypt('{"refreshToken":"r"}');
    const b = cipher.encrypt('{"refreshToken":"r"}');
    expect(a.equals(b)).toBe(false);
    expect(a.toString('latin1')).not.toContain('refreshToken');
    expect(cipher.decrypt(a)).toBe('{"refreshToken":"r"}');
  });

  it('refuses altered data and another key', () => {
    const sealed = cipher.encrypt('secret');
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => cipher.decrypt(altered)).toThrow();
    expect(() => cipherWith('22'.repeat(32)).decrypt(sealed)).toThrow();
  });
});

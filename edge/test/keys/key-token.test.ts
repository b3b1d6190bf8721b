/** The secret keys' format: made keys read back, whatever the site's name; anything else is no key. */
import { describe, expect, it } from 'vitest';
import { hashKey, newKey, parseKey } from '../../src/auth/key-token.ts';

describe('key format', () => {
  it('a made key reads back its id, site and role, for any site name', () => {
    for (const site of ['demo', 'my_shop', 'a-b_c', '_', 'x'.repeat(64)]) {
      for (const role of ['server', 'admin'] as const) {
        const { id, key } = newKey(site, role);
        expect(id).toMatch(role === 'server' ? /^sk_/ : /^ak_/);
        expect(parseKey(key)).toEqual({ id, site, role });
      }
    }
  });

  it('two keys never share an id or secret; the hash is SHA-256 hex', async () => {
    const keys = Array.from({ length: 200 }, () => newKey('demo', 'server'));
    expect(new Set(keys.map((k) => k.id)).size).toBe(200);
    expect(new Set(keys.map((k) => k.key)).size).toBe(200);
    expect(await hashKey(keys[0]!.key)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('anything else is not a key', () => {
    const { key, id } = newKey('demo', 'admin');
    for (const s of [
      '',
      'demo',
      id,
      `${key}0`,
      key.slice(0, -1),
      key.toUpperCase(),
      `xk${key.slice(2)}`,
      ` ${key}`,
    ])
      expect(parseKey(s), s).toBeNull();
  });
});

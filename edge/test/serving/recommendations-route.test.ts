import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { NO_MODEL_MESSAGE } from '../../src/routes/recommendations.ts';
import { BASE, ORIGIN } from '../helpers.ts';

const get = (query: Record<string, string>, headers: Record<string, string> = {}) =>
  exports.default.fetch(`${BASE}/v1/recommendations?${new URLSearchParams(query)}`, { headers });
const base = { key: 'demo', session: 'session-route-1', placement: 'home' };
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; message: string; path: string } }).error;

describe('GET /v1/recommendations without a model', () => {
  it('answers 503 saying how to publish one', async () => {
    const res = await get(base);
    expect(res.status).toBe(503);
    expect(res.headers.get('Retry-After')).toBe('30');
    expect(await errorOf(res)).toEqual({ code: 'no_model', message: NO_MODEL_MESSAGE, path: '' });
    expect(NO_MODEL_MESSAGE).toContain('npm run publish-model -- --model <dir>');
  });
});

describe('GET /v1/recommendations parameters', () => {
  it.each([
    [{ ...base, k: '0' }, 'k', 'k must be between 1 and 24 for placement home'],
    [{ ...base, k: '25' }, 'k', 'k must be between 1 and 24 for placement home'],
    [{ ...base, k: 'many' }, 'k', 'k must be a whole number'],
    [
      { ...base, placement: 'sidebar' },
      'placement',
      'unknown placement sidebar (this site has: home, product, cart, trending)',
    ],
    // Names from Object.prototype are not placements (once a 500: the lookup found the prototype's).
    [
      { ...base, placement: 'constructor' },
      'placement',
      'unknown placement constructor (this site has: home, product, cart, trending)',
    ],
    [
      { ...base, placement: 'product' },
      'item',
      'item is required for placement product (items similar to it)',
    ],
    [{ ...base, session: 'x' }, 'session', 'session must be 8-64 characters'],
    [{ ...base, item: 'a b' }, 'item', 'item must be printable ASCII without spaces'],
    [{ ...base, exclude: 'ok,bad id' }, 'exclude', 'exclude must be comma-separated item ids'],
  ])('%j → 400 naming %s', async (query, path, message) => {
    const res = await get(query as Record<string, string>);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ path, message });
  });

  it('needs a known site key, and an allowed origin from browsers', async () => {
    expect((await get({ ...base, key: 'nope' })).status).toBe(401);
    const { key: _, ...noKey } = base;
    expect((await get(noKey)).status).toBe(401);
    expect((await get(base, { Origin: 'https://evil.example' })).status).toBe(403);
  });

  it('answers CORS preflights for allowed origins', async () => {
    const res = await exports.default.fetch(`${BASE}/v1/recommendations?key=demo`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN);
  });

  it('the WebSocket endpoint wants an upgrade', async () => {
    const res = await exports.default.fetch(`${BASE}/v1/recommendations/ws?${new URLSearchParams(base)}`);
    expect(res.status).toBe(426);
  });
});

import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { recordSignals } from '../../src/signals/site-signals.ts';

const auth = { authorization: 'Bearer test-admin-token' };
const get = (path: string, headers: Record<string, string> = auth) =>
  exports.default.fetch(`http://localhost/v1/experiments/${path}`, { headers });

describe('GET /v1/experiments/:name', () => {
  it('reports impressions, clicks and CTR per configured variant', async () => {
    // Default experiments apply to every site; a fresh site keeps the counts to this test.
    const site = `site-${crypto.randomUUID()}`;
    const arm = (variant: string) => ({ name: 'home-diversity', variant });
    // Sessions of different shards: the report sums them.
    await recordSignals(env, site, {
      at: Date.now(),
      sessionId: 'session-signals-2',
      events: [{ type: 'impression', items: [], experiment: arm('control') }],
    });
    await recordSignals(env, site, {
      at: Date.now(),
      sessionId: 'session-signals-1',
      events: [
        { type: 'impression', items: [], experiment: arm('control') },
        { type: 'impression', items: [], experiment: arm('control') },
        { type: 'impression', items: [], experiment: arm('control') },
        { type: 'rec_click', items: ['i1'], experiment: arm('control') },
      ],
    });
    const res = await get(`home-diversity?key=${site}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      experiment: 'home-diversity',
      placement: 'home',
      variants: [
        { variant: 'control', impressions: 4, clicks: 1, ctr: 0.25 },
        { variant: 'diverse', impressions: 0, clicks: 0, ctr: null },
      ],
    });
  });

  it('is admin only, needs the site key and names unknown experiments', async () => {
    expect((await get('home-diversity?key=demo', {})).status).toBe(401);
    const noKey = await get('home-diversity');
    expect(noKey.status).toBe(400);
    expect(await noKey.json()).toEqual({
      error: { code: 'invalid_query', message: 'key (the site key) is required', path: 'key' },
    });
    // Found by the fuzz suite: `constructor` found Object.prototype's and answered 500.
    for (const name of ['constructor', '__proto__', 'toString'])
      expect((await get(`${name}?key=demo`)).status).toBe(404);
    expect((await get('home-diversity?key=constructor')).status).toBe(200);
    const unknown = await get('nope?key=demo');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(
      'no experiment nope for site demo (configured: home-diversity)',
    );
  });
});

/**
 * A new isolate serves a model as soon as its manifest is read: only inference waits for the tower.
 * Shown with a tower that can never load (in its own test file, so this isolate has no model yet):
 * visitors still get answers, and a working model published afterwards takes over.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { placementFor, SITES } from '../../src/config/sites.ts';
import { towerLoaded } from '../../src/model-registry/active-model.ts';
import { recommend, type SessionView } from '../../src/serving/recommend.ts';
import { Stopwatch } from '../../src/serving/timing.ts';
import { recordSignals, siteSignals } from '../../src/signals/site-signals.ts';
import { publishFixture, sessionFor } from '../fixtures/publish-fixture.ts';

function request() {
  const placement = placementFor(SITES, 'demo', 'home')!;
  const params = { key: 'demo', session: 'tower-failure', placement: 'home' };
  return { site: 'demo', params, placement, k: 4, recId: crypto.randomUUID() };
}

describe('a model whose tower cannot load', { timeout: 30_000 }, () => {
  it('still answers every visitor from trending, then a working model takes over', async () => {
    const fixture = inject('tower');
    const notOnnx = new TextEncoder().encode('this is not an ONNX model');
    await publishFixture(fixture, 'broken-tower', 'a', { tower: notOnnx });
    await recordSignals(env, 'demo', {
      at: Date.now(),
      sessionId: 'trend-setter',
      events: [{ type: 'purchase', items: ['item-5'] }],
    });
    await siteSignals(env, 'demo').refresh();
    const newVisitor: SessionView = { recent: [], carted: [], purchased: [] };
    const returning: SessionView = { recent: sessionFor(fixture, 1), carted: [], purchased: [] };

    const first = await recommend(env, request(), newVisitor, new Stopwatch());
    expect(first).toMatchObject({ ok: true, strategy: 'cold-start', response: { model: 'broken-tower' } });
    if (first.ok) expect(first.response.items[0]?.id).toBe('item-5');
    // The visitor with history would need the tower: degraded to the cold-start answer, not an error.
    const degraded = await recommend(env, request(), returning, new Stopwatch());
    expect(degraded).toMatchObject({ ok: true, strategy: 'cold-start', response: { model: 'broken-tower' } });

    await publishFixture(fixture, 'working-tower', 'b');
    for (let i = 0; i < 2000; i++) {
      const outcome = await recommend(env, request(), returning, new Stopwatch());
      if (outcome.ok && outcome.strategy === 'session') {
        expect(outcome.response.model).toBe('working-tower');
        return;
      }
      await towerLoaded(); // answers are cold-start while the new isolate's tower loads
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('the working model never answered with the session strategy');
  });
});

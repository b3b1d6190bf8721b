import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { RecommendationResponse } from '../../contracts/recommendations.ts';
import { allTargets, pushAll, removeSubscription } from '../src/push/subscriptions.ts';
import type { RecommendationParams } from '../src/serving/params.ts';
import { openEventSocket, sessionObject, uid } from './helpers.ts';

/** Which of the page's widgets a subscription is (the socket URL's own is the session's `home`). */
const widget = (p: RecommendationParams) =>
  p.item !== undefined ? 'similar' : p.category !== undefined ? 'department' : 'own';

describe('a push to the widgets of one page', () => {
  it("computes the session's own answer first, alone, and leaves out a widget that left meanwhile", async () => {
    const session = uid('waves');
    const socket = await openEventSocket(session); // carries `home` from its URL: the session's own answer
    // A department page's widget and a product page's similar items, on the same socket (an accepted
    // subscription has no answer of its own: these sends settle only when the socket closes).
    const quiet = () => undefined;
    socket
      .send({ type: 'subscribe', id: 'department', query: 'placement=home&k=4&category=bags' })
      .catch(quiet);
    socket.send({ type: 'subscribe', id: 'similar', query: 'placement=product&k=4&item=i1' }).catch(quiet);
    const stub = sessionObject(session);
    for (let i = 0; i < 100; i++) {
      if ((await runInDurableObject(stub, (_, state) => allTargets(state).length)) === 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const { steps, sent } = await runInDurableObject(stub, async (_, state) => {
      const steps: string[] = [];
      // Stands in for the recommender (pushAll's contract: parameters in, answer out), so the test
      // sees which answers are computed and whether any started before the session's own was done.
      const compute = async (params: RecommendationParams) => {
        const name = widget(params);
        steps.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 5));
        // Meanwhile the visitor's click took them to the department page: the product page's widget left.
        if (name === 'own') removeSubscription(state.getWebSockets()[0]!, 'similar');
        steps.push(`end ${name}`);
        return { recId: name, model: 'test', placement: 'home', items: [] } satisfies RecommendationResponse;
      };
      return { steps, sent: await pushAll(state, compute) };
    });
    expect(steps).toEqual(['start own', 'end own', 'start department', 'end department']);
    expect(sent).toBe(2);
    socket.close();
  });
});

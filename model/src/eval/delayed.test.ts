import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../data/session-event.ts';
import { withDelayedSignals } from './delayed.ts';
import type { NextItemRecommender } from './recommender.ts';

const seen: string[] = [];
const inner: NextItemRecommender = {
  name: 'probe',
  observe: (e) => seen.push(e.itemId),
  recommend: () => [],
};
const at = (itemId: string, time: number): SessionEvent => ({ sessionId: 's', itemId, time });

describe('withDelayedSignals', () => {
  it('folds an event in once the replay clock is the delay past it, never sooner', () => {
    seen.length = 0;
    const r = withDelayedSignals(inner, 2);
    r.observe(at('a', 10));
    r.observe(at('b', 11));
    expect(seen).toEqual([]);
    r.observe(at('c', 12));
    expect(seen).toEqual(['a']);
    r.observe(at('d', 20));
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('with no delay is the plain online replay', () => {
    seen.length = 0;
    const r = withDelayedSignals(inner, 0);
    r.observe(at('a', 10));
    expect(seen).toEqual(['a']);
  });
});

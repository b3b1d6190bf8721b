import { describe, expect, it } from 'vitest';
import { countedClicks } from '../data/session-breadth.ts';
import { DEFAULT_SIGNAL_CONFIG, OnlineSignals } from './signals.ts';
import { sknnScores } from './sknn.ts';

describe('online signals', () => {
  it("stop counting a session past maxSessionItems distinct items: a crawler's clicks shape no one's answer", () => {
    const s = new OnlineSignals({ ...DEFAULT_SIGNAL_CONFIG, maxSessionItems: 5 });
    let t = 1e9;
    // A shopper: a → b. The crawler walks a, then c0…c9 — and would make c9 a neighbour's pick.
    for (const itemId of ['a', 'b']) s.update({ sessionId: 'shopper', itemId, time: t++ });
    for (const itemId of ['a', ...Array.from({ length: 10 }, (_, i) => `c${i}`)])
      s.update({ sessionId: 'crawler', itemId, time: t++ });

    const [a, c4, c5] = ['a', 'c4', 'c5'].map((id) => s.itemIndex(id));
    expect(s.pop[a]).toBe(2);
    expect(s.pop[c4]).toBe(1); // the 6th distinct item: folded, and the session is muted after it
    expect(s.pop[c5]).toBe(0);
    expect(s.co.get(c4)?.has(c5)).toBeFalsy();

    const scores = sknnScores(s, [a], 'someone else');
    expect(scores.has(s.itemIndex('b'))).toBe(true);
    expect([...scores.keys()].filter((i) => i !== a && i !== s.itemIndex('b'))).toEqual([]);
  });

  it('fold the same clicks of a broad session as training counts', () => {
    const s = new OnlineSignals({ ...DEFAULT_SIGNAL_CONFIG, maxSessionItems: 7 });
    // Repeats, then breadth: the rule counts distinct items, not clicks.
    const ids = ['a', 'a', 'b', 'a', ...Array.from({ length: 20 }, (_, i) => `x${i % 12}`)];
    const session = ids.map((itemId, i) => ({ sessionId: 'wide', itemId, time: 1e9 + i }));
    for (const e of session) s.update(e);
    const folded = s.pop.reduce((a, b) => a + b, 0);
    expect(countedClicks(session, 7).length).toBe(folded);
    expect(folded).toBe(10); // a a b a x0…x5: the 8th distinct item is the last one counted
  });
});

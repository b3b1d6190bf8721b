import { describe, expect, it } from 'vitest';
import { candidateFeatures, RERANK_FEATURES, RULE_SUPPORT } from './rerank.ts';
import { OnlineSignals } from './signals.ts';

const SR = RERANK_FEATURES.indexOf('sr');

/** Signals after `n` sessions that each viewed `from` then `to`. */
function sessions(signals: OnlineSignals, n: number, from: string, to: string, start: number): void {
  for (let s = 0; s < n; s++) {
    signals.update({ sessionId: `${from}-${to}-${s}`, itemId: from, time: start + 2 * s });
    signals.update({ sessionId: `${from}-${to}-${s}`, itemId: to, time: start + 2 * s + 1 });
  }
}

const srOf = (signals: OnlineSignals, id: string) => {
  const table = candidateFeatures(['a'], undefined, 1_700_001_000, [], signals);
  const row = table.ids.indexOf(id);
  return table.features[row * RERANK_FEATURES.length + SR];
};

describe('candidateFeatures', () => {
  it(`needs ${RULE_SUPPORT} observations before a sequential rule scores in full`, () => {
    const once = new OnlineSignals();
    sessions(once, 1, 'a', 'b', 1_700_000_000);
    expect(srOf(once, 'b')).toBeCloseTo(1 / RULE_SUPPORT, 6);

    const often = new OnlineSignals();
    sessions(often, 6, 'a', 'b', 1_700_000_000);
    sessions(often, 1, 'a', 'c', 1_700_000_100);
    expect(srOf(often, 'b')).toBeCloseTo(1, 6);
    expect(srOf(often, 'c')).toBeCloseTo(1 / 6, 6);
  });
});

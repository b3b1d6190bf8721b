import { describe, expect, it } from 'vitest';
import { splitNewest } from './split.ts';

const ev = (sessionId: string, itemId: string, time: number) => ({ sessionId, itemId, time });

describe('evaluation split', () => {
  it('puts whole sessions starting in the newest fraction of the span into the slice', () => {
    const events = [
      ev('old', 'a', 0),
      ev('old', 'b', 95),
      ev('mid', 'c', 50),
      ev('new', 'd', 91),
      ev('new', 'e', 100),
    ];
    const { train, evaluation, cut } = splitNewest(events, 0.1);
    expect(cut).toBe(90);
    // `old` reaches past the cut but started before it: it stays whole in training.
    expect(train.map((e) => e.itemId).sort()).toEqual(['a', 'b', 'c']);
    expect(evaluation.map((e) => e.itemId)).toEqual(['d', 'e']);
  });
});

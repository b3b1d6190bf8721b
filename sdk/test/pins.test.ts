import { describe, expect, it } from 'vitest';
import { keepPins } from '../src/recommend/pins.ts';

const answer = [
  { id: 'p0', pinned: true as const },
  { id: 'x1' },
  { id: 'x2' },
  { id: 'p3', pinned: true as const },
];
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('keepPins', () => {
  it('puts pinned items back at their positions in the answer', () => {
    const reordered = [answer[2], answer[3], answer[1], answer[0]];
    expect(ids(keepPins(reordered, answer))).toEqual(['p0', 'x2', 'x1', 'p3']);
  });

  it('keeps a pin in place when an item above it is no longer shown (e.g. went into the cart)', () => {
    expect(ids(keepPins([answer[0], answer[2], answer[3]], answer))).toEqual(['p0', 'x2', 'p3']);
    expect(ids(keepPins([answer[2], answer[3]], answer))).toEqual(['x2', 'p3']);
  });

  it('never adds an item that is not in the ranked list', () => {
    expect(ids(keepPins([answer[1]], answer))).toEqual(['x1']);
  });
});

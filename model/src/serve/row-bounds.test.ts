import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { keepStrongest, MIN_ROW_CAP, RowSweep, rowCap } from './row-bounds.ts';
import { DEFAULT_SIGNAL_CONFIG, OnlineSignals, type SparseRows } from './signals.ts';
import { deserializeSignals, serializeSignals } from './signals-codec.ts';

const entries = (rows: SparseRows) => [...rows.values()].reduce((n, row) => n + row.size, 0);
const maxRowSize = (rows: SparseRows) => Math.max(0, ...[...rows.values()].map((row) => row.size));

describe('row bounds', () => {
  it('keeps the strongest entries, dropping the oldest of equal weights', () => {
    // Inserted in this order: 1 and 4 are the oldest of the 2s.
    const row = new Map([
      [1, 2],
      [2, 5],
      [3, 1],
      [4, 2],
      [5, 2],
      [6, 9],
    ]);
    keepStrongest(row, 3);
    expect([...row.keys()].sort()).toEqual([2, 5, 6]);
    keepStrongest(row, 5); // already within: untouched
    expect(row.size).toBe(3);
  });

  it('caps rows by the pair budget, never below the floor nor above the row maximum', () => {
    expect(rowCap(10, 100, 100_000)).toBe(100);
    expect(rowCap(2_000, 100, 100_000)).toBe(50);
    expect(rowCap(1_000_000, 100, 100_000)).toBe(MIN_ROW_CAP);
    expect(rowCap(0, 100, 100_000)).toBe(100);
  });

  it('sweeps rows no longer written down to the current cap', () => {
    const rows: SparseRows = new Map(
      [0, 1, 2].map((a) => [a, new Map(Array.from({ length: 40 }, (_, b) => [b, b] as const))]),
    );
    const sweep = new RowSweep(rows);
    for (let i = 0; i < 3; i++) sweep.step(10);
    expect([...rows.values()].map((row) => row.size)).toEqual([10, 10, 10]);
    // The strongest stay.
    expect(Math.min(...rows.get(0)!.keys())).toBe(30);
  });

  it('bounds a site whose sessions wander over many items, keeping what repeats', () => {
    const config = { ...DEFAULT_SIGNAL_CONFIG, maxRow: 50, maxPairs: 4_000 };
    const bounded = new OnlineSignals(config);
    const free = new OnlineSignals({ ...config, maxRow: Infinity, maxPairs: Infinity });
    const rand = createRandom(7);
    for (let i = 0; i < 60_000; i++) {
      // Every third session walks the same pair of items: a pattern the bounds must keep.
      const session = Math.floor(i / 30);
      const itemId = session % 3 === 0 && i % 30 < 2 ? `p${i % 30}` : `i${Math.floor(rand() * 2_000)}`;
      const event = { sessionId: `s${session}`, itemId, time: 1e9 + i };
      bounded.update(event);
      free.update(event);
    }
    const cap = rowCap(bounded.co.size, config.maxRow, config.maxPairs);
    expect(entries(free.co)).toBeGreaterThan(10 * config.maxPairs);
    expect(entries(bounded.co)).toBeLessThanOrEqual(2 * cap * bounded.co.size);
    expect(maxRowSize(bounded.co)).toBeLessThanOrEqual(2 * config.maxRow);
    expect(entries(bounded.seq)).toBeLessThanOrEqual(
      2 * rowCap(bounded.seq.size, 50, 4_000) * bounded.seq.size,
    );
    const [p0, p1] = [bounded.itemIndex('p0'), bounded.itemIndex('p1')];
    expect(bounded.co.get(p0)?.get(p1)).toBe(free.co.get(p0)?.get(p1));
    expect(bounded.seq.get(p0)?.get(p1)).toBe(free.seq.get(p0)?.get(p1));
  });

  it('reads signals written before the bounds existed with the default bounds', () => {
    const s = new OnlineSignals();
    s.update({ sessionId: 'a', itemId: 'x', time: 1e9 });
    s.update({ sessionId: 'a', itemId: 'y', time: 1e9 + 1 });
    const { maxRow: _r, maxPairs: _p, ...before } = DEFAULT_SIGNAL_CONFIG;
    const old = new OnlineSignals(before as typeof DEFAULT_SIGNAL_CONFIG);
    old.update({ sessionId: 'a', itemId: 'x', time: 1e9 });
    const back = deserializeSignals(serializeSignals(old));
    expect(back.config).toEqual(DEFAULT_SIGNAL_CONFIG);
    expect(deserializeSignals(serializeSignals(s)).co.get(0)?.get(1)).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { groupSessions } from '../data/session-event.ts';
import { generateCatalogue, generateSessions } from './index.ts';

const quantile = (sorted: number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))];

describe('synthetic generator', { timeout: 30_000 }, () => {
  const catalogue = generateCatalogue({ items: 2000, categories: 40, seed: 7 });
  const events = generateSessions(catalogue, { sessions: 6000, seed: 8, startTime: 1_700_000_000 });
  const sessions = [...groupSessions(events).values()];

  it('is deterministic by seed', () => {
    expect(generateCatalogue({ items: 2000, categories: 40, seed: 7 })).toEqual(catalogue);
    const again = generateSessions(catalogue, { sessions: 300, seed: 8, startTime: 1_700_000_000 });
    expect(again).toEqual(events.slice(0, again.length));
    const other = generateSessions(catalogue, { sessions: 300, seed: 9, startTime: 1_700_000_000 });
    expect(other).not.toEqual(again);
  });

  it('gives items ids, categories and prices', () => {
    expect(new Set(catalogue.map((i) => i.id)).size).toBe(2000);
    expect(new Set(catalogue.map((i) => i.category)).size).toBe(40);
    for (const item of catalogue) expect(item.price).toBeGreaterThan(0);
  });

  it('is calibrated like the YooChoose sample', () => {
    const lengths = sessions.map((s) => s.length).sort((a, b) => a - b);
    expect(lengths[0]).toBe(2);
    expect(quantile(lengths, 0.5)).toBe(3);
    expect(quantile(lengths, 0.99)).toBeGreaterThanOrEqual(12);
    expect(quantile(lengths, 0.99)).toBeLessThanOrEqual(26);
    const logs = lengths.map(Math.log);
    const mu = logs.reduce((a, b) => a + b) / logs.length;
    expect(mu).toBeGreaterThan(1.1);
    expect(mu).toBeLessThan(1.3);

    let repeats = 0;
    let transitions = 0;
    const gaps: number[] = [];
    for (const s of sessions)
      for (let k = 1; k < s.length; k++) {
        transitions++;
        if (s[k].itemId === s[k - 1].itemId) repeats++;
        gaps.push(s[k].time - s[k - 1].time);
      }
    expect(repeats / transitions).toBeGreaterThan(0.22);
    expect(repeats / transitions).toBeLessThan(0.3);
    gaps.sort((a, b) => a - b);
    expect(quantile(gaps, 0.5)).toBeGreaterThan(45);
    expect(quantile(gaps, 0.5)).toBeLessThan(65);
  });

  it('has a long-tailed popularity', () => {
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.itemId, (counts.get(e.itemId) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const slope = Math.log(sorted[500] / sorted[5]) / Math.log(501 / 6);
    expect(slope).toBeLessThan(-0.5);
    expect(slope).toBeGreaterThan(-1.3);
  });

  it('rejects nonsense options', () => {
    expect(() => generateCatalogue({ items: 0, categories: 1, seed: 1 })).toThrow(/items/);
    expect(() => generateCatalogue({ items: 5, categories: 9, seed: 1 })).toThrow(/categories/);
    expect(() => generateSessions(catalogue, { sessions: -1, seed: 1, startTime: 0 })).toThrow(/sessions/);
  });
});

import { describe, expect, it } from 'vitest';
import { type GateScores, gate } from './gate.ts';

const active: GateScores = { k: 20, hr: 0.4, mrr: 0.2, coverage: 0.5, n: 1000 };

describe('promotion gate', () => {
  it('promotes a better candidate', () => {
    const d = gate({ ...active, hr: 0.45, mrr: 0.22 }, active);
    expect(d.decision).toBe('promote');
    expect(d.reasons).toEqual(['HR@20 better: 0.4500 vs 0.4000', 'MRR@20 better: 0.2200 vs 0.2000']);
  });

  it('keeps the active model when the candidate is worse on one metric beyond the margin', () => {
    const d = gate({ ...active, hr: 0.5, mrr: 0.19 }, active, 0.02);
    expect(d.decision).toBe('keep');
    expect(d.reasons[1]).toBe('MRR@20 worse than the margin allows: 0.1900 vs 0.2000 (floor 0.1960)');
  });

  it('promotes a candidate equal, or worse but within the margin', () => {
    expect(gate(active, active).decision).toBe('promote');
    const d = gate({ ...active, hr: 0.395, mrr: 0.197 }, active, 0.02);
    expect(d.decision).toBe('promote');
    expect(d.reasons).toEqual([
      'HR@20 equal within margin: 0.3950 vs 0.4000',
      'MRR@20 equal within margin: 0.1970 vs 0.2000',
    ]);
    // With no margin the same scores are a rejection.
    expect(gate({ ...active, hr: 0.395, mrr: 0.197 }, active, 0).decision).toBe('keep');
  });

  it('does not let coverage decide', () => {
    expect(gate({ ...active, coverage: 0.1 }, active).decision).toBe('promote');
  });

  it('promotes when nothing is active, keeps when the slice scored nothing', () => {
    expect(gate(active, undefined)).toMatchObject({ decision: 'promote' });
    expect(gate({ ...active, n: 0 }, active)).toMatchObject({ decision: 'keep' });
  });

  it('refuses a margin outside [0, 1) and scores at different k', () => {
    expect(() => gate(active, active, -0.1)).toThrow(/margin/);
    expect(() => gate(active, { ...active, k: 10 })).toThrow(/different k/);
  });
});

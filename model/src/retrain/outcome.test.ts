import { describe, expect, it } from 'vitest';
import { EXIT_REJECTED, outcomeOf } from './outcome.ts';

const promote = { decision: 'promote' as const };
const keep = { decision: 'keep' as const };

describe('retrain outcome', () => {
  it('auto publishes what passes and exits 3 on a rejection', () => {
    expect(outcomeOf(promote, 'auto')).toEqual({ refit: true, publish: true, exitCode: 0 });
    expect(outcomeOf(keep, 'auto')).toEqual({ refit: false, publish: false, exitCode: EXIT_REJECTED });
  });

  it('never publishes, but refits what passes', () => {
    expect(outcomeOf(promote, 'never')).toEqual({ refit: true, publish: false, exitCode: 0 });
    expect(outcomeOf(keep, 'never')).toEqual({ refit: false, publish: false, exitCode: EXIT_REJECTED });
  });

  it('force publishes a rejected candidate too', () => {
    expect(outcomeOf(keep, 'force')).toEqual({ refit: true, publish: true, exitCode: 0 });
  });
});

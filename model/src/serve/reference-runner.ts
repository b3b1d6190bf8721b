/** A `TowerRunner` in plain TypeScript (float weights): the float baseline for int8 comparisons. */
import { type SessionTowerWeights, sessionTowerForward } from '../tower/session-tower.ts';
import type { TowerRunner } from './tower-runner.ts';

/** Run the session tower from weights with the reference forward pass. */
export function referenceTowerRunner(weights: SessionTowerWeights): TowerRunner {
  return { run: async ({ items, ages }) => sessionTowerForward(weights, items, ages) };
}

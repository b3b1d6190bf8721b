/** Training examples: every prefix of every session → (tower input, next item). */
import type { SessionEvent } from '../data/session-event.ts';
import { towerInput } from '../serve/tower-input.ts';

/** Packed examples: inputs row-major count×maxLen, targets as tower indices. */
export interface Examples {
  count: number;
  maxLen: number;
  items: Int32Array;
  ages: Float32Array;
  target: Int32Array;
}

/** Build examples from grouped sessions; targets the tower does not know are skipped. */
export function buildExamples(
  sessions: Iterable<readonly SessionEvent[]>,
  index: ReadonlyMap<string, number>,
  maxLen: number,
): Examples {
  const items: number[] = [];
  const ages: number[] = [];
  const target: number[] = [];
  for (const session of sessions)
    for (let i = 1; i < session.length; i++) {
      const next = index.get(session[i].itemId);
      if (next === undefined) continue;
      const input = towerInput(session.slice(Math.max(0, i - maxLen), i), index, maxLen);
      for (let k = 0; k < maxLen; k++) {
        items.push(input.items[k]);
        ages.push(input.ages[k]);
      }
      target.push(next);
    }
  return {
    count: target.length,
    maxLen,
    items: Int32Array.from(items),
    ages: Float32Array.from(ages),
    target: Int32Array.from(target),
  };
}

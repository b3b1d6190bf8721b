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

/**
 * Build examples from grouped sessions; targets the tower does not know are skipped. Two passes
 * (count, then fill typed arrays): growing plain arrays of 10 numbers an example took several
 * times the final size on a 1M-event log.
 */
export function buildExamples(
  sessions: Iterable<readonly SessionEvent[]>,
  index: ReadonlyMap<string, number>,
  maxLen: number,
): Examples {
  const list = [...sessions];
  let count = 0;
  for (const session of list)
    for (let i = 1; i < session.length; i++) if (index.has(session[i].itemId)) count++;
  const items = new Int32Array(count * maxLen);
  const ages = new Float32Array(count * maxLen);
  const target = new Int32Array(count);
  let at = 0;
  for (const session of list)
    for (let i = 1; i < session.length; i++) {
      const next = index.get(session[i].itemId);
      if (next === undefined) continue;
      const input = towerInput(session.slice(Math.max(0, i - maxLen), i), index, maxLen);
      items.set(input.items, at * maxLen);
      ages.set(input.ages, at * maxLen);
      target[at++] = next;
    }
  return { count, maxLen, items, ages, target };
}

/**
 * A retrain run's scratch space in R2 (`MODELS` bucket, `retrain/<instance id>/`): the events its
 * export step read, and each training's paused state between epoch steps. A step's result is at
 * most 1 MiB, so what is large goes here; the last step clears it.
 */
import { createInterner } from '../../../model/src/data/intern.ts';
import type { SessionEvent } from '../../../model/src/data/session-event.ts';
import type { ItemFeatures } from '../../../model/src/train/item-features.ts';

/** What a run takes of a catalogue item: the item tower's features and the index's stock flag. */
export interface CatalogueItem extends ItemFeatures {
  inStock: boolean;
}

/** The two trainings of a run: the candidate (without the evaluation slice) and the refit (all). */
export type TrainingName = 'candidate' | 'refit';

const decoder = new TextDecoder();

/** Events as NDJSON rows `[sessionId, itemId, time]`: ids are strings of any character. */
export function encodeEvents(events: readonly SessionEvent[]): string {
  let out = '';
  for (const e of events) out += `${JSON.stringify([e.sessionId, e.itemId, e.time])}\n`;
  return out;
}

/** The events `encodeEvents` wrote, ids interned (a session's events share one string). */
export function decodeEvents(text: string): SessionEvent[] {
  const intern = createInterner();
  const events: SessionEvent[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [sessionId, itemId, time] = JSON.parse(line) as [string, string, number];
    events.push({ sessionId: intern(sessionId), itemId: intern(itemId), time });
  }
  return events;
}

/** The scratch objects of run `id`. */
export function runWork(bucket: R2Bucket, id: string) {
  const prefix = `retrain/${id}/`;
  const bytesOf = async (key: string) => {
    const obj = await bucket.get(prefix + key);
    return obj ? new Uint8Array(await obj.arrayBuffer()) : undefined;
  };
  return {
    putEvents: (events: readonly SessionEvent[]) =>
      bucket.put(`${prefix}events.ndjson`, encodeEvents(events)),
    async events(): Promise<SessionEvent[]> {
      const bytes = await bytesOf('events.ndjson');
      if (!bytes) throw new Error(`retrain ${id}: the exported events are gone from R2`);
      return decodeEvents(decoder.decode(bytes));
    },
    // Snapshot at export: every step of the run trains on the same items (a resumed training needs it).
    putCatalogue: (items: ReadonlyMap<string, CatalogueItem>) =>
      bucket.put(`${prefix}catalogue.json`, JSON.stringify([...items])),
    async catalogue(): Promise<Map<string, CatalogueItem>> {
      const bytes = await bytesOf('catalogue.json');
      return new Map(bytes ? (JSON.parse(decoder.decode(bytes)) as [string, CatalogueItem][]) : []);
    },
    putState: (name: TrainingName, bytes: Uint8Array) => bucket.put(`${prefix}${name}.state`, bytes),
    state: (name: TrainingName) => bytesOf(`${name}.state`),
    async clear(): Promise<void> {
      const page = await bucket.list({ prefix });
      if (page.objects.length > 0) await bucket.delete(page.objects.map((o) => o.key));
    },
  };
}

export type RunWork = ReturnType<typeof runWork>;

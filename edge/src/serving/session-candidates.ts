/**
 * A session's first-stage candidates (its tower vector's nearest items), reused by its next answers
 * until something they depend on changes: a page's several placements and its pushes ask the same
 * question of the index, and a warm answer then makes no tower run and no index query. An entry is
 * keyed by everything the query depends on (the model version and index slot, the tower input, so
 * the session's clicks and their ages, topK, the index filter, and the catalogue as this isolate
 * knows it: its change version and fresh items), so a new event, a model swap or a catalogue change
 * misses by construction; the session's ingest also drops every entry. Entries live TTL_MS at
 * most, which bounds how long an index mutation made outside the catalogue (admin index calls)
 * stays unseen, as Vectorize's own asynchronous mutations do. Only the index's answer is reused:
 * the second stage (online signals), the catalogue's admission and the rules run on every answer.
 */
import type { TowerInput } from '../../../model/src/serve/index.ts';
import type { LoadedModel } from '../model-registry/active-model.ts';
import type { Retrieved } from './retrieve.ts';

/** How long a session's candidates are reused at most. */
export const TTL_MS = 10_000;
/** Most distinct queries kept per session (placements with different filters or topK). */
export const MAX_ENTRIES = 8;

/** What a session's index query depends on besides the tower input. */
export interface CandidateQuery {
  model: Pick<LoadedModel, 'slot'> & { manifest: { version: string } };
  /** The catalogue as the answer sees it (`catalogStamp`). */
  catalogue: string;
  topK: number;
  filter: VectorizeVectorMetadataFilter | undefined;
}

/** The cache key of `query` for tower input `input`. */
export function candidateKey(query: CandidateQuery, input: TowerInput): string {
  const { model, catalogue, topK, filter } = query;
  const items = Array.prototype.join.call(input.items, ',');
  const ages = Array.prototype.join.call(input.ages, ',');
  return `${model.manifest.version}|${model.slot}|${catalogue}|${topK}|${JSON.stringify(filter ?? null)}|${items}|${ages}`;
}

/** A copy the answer may change (the rules and the second stage build on it). */
function copy(r: Retrieved): Retrieved {
  return { candidates: r.candidates.map((c) => ({ ...c })), known: [...r.known] };
}

/** One session's candidates by key; a query in flight is shared by the answers that ask meanwhile. */
export class SessionCandidates {
  readonly #entries = new Map<string, { at: number; retrieved: Promise<Retrieved> }>();

  /** The candidates of `key` (`hit` when reused), computing them with `retrieve` on a miss. */
  async get(
    key: string,
    retrieve: () => Promise<Retrieved>,
    now = Date.now(),
  ): Promise<{ retrieved: Retrieved; hit: boolean }> {
    const entry = this.#entries.get(key);
    if (entry && now - entry.at < TTL_MS) {
      // Another answer's (or the prefetch's) failure is not this answer's: it then asks itself.
      const shared = await entry.retrieved.catch(() => undefined);
      if (shared) return { retrieved: copy(shared), hit: true };
    }
    const retrieved = retrieve();
    this.#entries.delete(key);
    this.#entries.set(key, { at: now, retrieved });
    while (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    // A failed query is not reused: the next answer asks the index again.
    retrieved.catch(() => {
      if (this.#entries.get(key)?.retrieved === retrieved) this.#entries.delete(key);
    });
    return { retrieved: copy(await retrieved), hit: false };
  }

  /** Whether `key` would be reused now. */
  has(key: string, now = Date.now()): boolean {
    const entry = this.#entries.get(key);
    return !!entry && now - entry.at < TTL_MS;
  }

  /** Drop every entry (the session changed: an event, an erasure). */
  clear(): void {
    this.#entries.clear();
  }

  /** How many entries are held (tests). */
  get size(): number {
    return this.#entries.size;
  }
}

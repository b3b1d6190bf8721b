/**
 * The model this isolate serves, kept in memory. The active version is re-read from R2 at most every
 * REFRESH_MS; a new version loads in the background while requests keep using the old one
 * (stale-while-revalidate), so a hot swap never drops or stalls a request once a model is loaded.
 * In a new isolate, requests get the model as soon as its manifest is read, with a tower runner that
 * waits for the tower: a visitor without history (trending, no tower) never waits for the ORT cold
 * start, and `warmModel` starts it on a session's first event so the page's request rarely does.
 */

import type { ModelManifest } from '../../../contracts/schema/model-manifest.ts';
import { ortTowerRunner, type TowerRunner, towerIndex } from '../../../model/src/serve/index.ts';
import { decodeItemFeatures, type ItemFeatureTables } from '../../../model/src/serve/item-features.ts';
import type { Slot } from '../vectorize/binding.ts';
import { type ActiveModel, readActive, readManifest, readModelFile } from './r2-store.ts';

/** A model ready to serve. */
export interface LoadedModel {
  manifest: ModelManifest;
  /** The blue/green index slot holding this model's item vectors. */
  slot: Slot;
  /** The session tower (the model's own runner over this isolate's ORT session). */
  runner: TowerRunner;
  /** Item id → tower input index (`manifest.tower.items[i]` is index i + 1; 0 = padding/unknown). */
  index: ReadonlyMap<string, number>;
  /** The item tower's feature embeddings: vectors for products added after training (if published). */
  features?: ItemFeatureTables;
  /** True while this isolate is still creating the tower (the runner then waits for it). */
  towerLoading?: boolean;
}

/** How stale this isolate's idea of the active version may get. */
export const REFRESH_MS = 2000;

interface Loading {
  version: string;
  /** The model once its manifest is read; its runner waits for `promise`. */
  early: Promise<LoadedModel>;
  /** The model with its tower created and run once. */
  promise: Promise<LoadedModel>;
}

interface CacheState {
  current?: LoadedModel;
  checkedAt: number;
  loading?: Loading;
}

const cache: CacheState = { checkedAt: 0 };

async function readParts(bucket: R2Bucket, version: string) {
  const [manifest, bytes, features] = await Promise.all([
    readManifest(bucket, version),
    readModelFile(bucket, version, 'tower'),
    readModelFile(bucket, version, 'item-features'),
  ]);
  if (!manifest || !bytes) throw new Error(`model ${version} is active but its files are missing in R2`);
  return { manifest, bytes, features: features ? decodeItemFeatures(features) : undefined };
}

async function createRunner(manifest: ModelManifest, bytes: ArrayBuffer): Promise<TowerRunner> {
  // Imported lazily: the 14 MB ORT wasm is only needed once a model exists.
  const { createSession, ort } = await import('../tower/ort-workerd.ts');
  const tower = await createSession(new Uint8Array(bytes));
  const { maxLen } = manifest.tower;
  const runner = ortTowerRunner(tower, ort.Tensor, manifest.tower);
  // One inference on an empty session: ORT's first run allocates and plans (tens of ms); pay it
  // here, in the background load, rather than in a visitor's request.
  await runner.run({ items: new Int32Array(maxLen), ages: new Float32Array(maxLen) });
  return runner;
}

function startLoading(bucket: R2Bucket, active: ActiveModel): Loading {
  const { version, slot } = active;
  if (cache.loading?.version === version) return cache.loading;
  const parts = readParts(bucket, version);
  const runner = parts.then(({ manifest, bytes }) => createRunner(manifest, bytes));
  const model = (run: TowerRunner) =>
    parts.then(({ manifest, features }) => ({
      manifest,
      slot,
      runner: run,
      index: towerIndex(manifest.tower.items),
      features,
    }));
  const promise = runner.then(model).then(
    (loaded) => {
      cache.current = loaded;
      cache.loading = undefined;
      return loaded;
    },
    (err) => {
      cache.loading = undefined;
      throw err;
    },
  );
  // Until the tower is ready, inference waits for it (and fails with it).
  const early = model({ run: (input) => runner.then((r) => r.run(input)) }).then((m) => ({
    ...m,
    towerLoading: true,
  }));
  // Either may go unawaited; failures surface through whichever a request awaits.
  promise.catch(() => undefined);
  early.catch(() => undefined);
  cache.loading = { version, early, promise };
  return cache.loading;
}

/**
 * The model to answer with, or undefined when none has been published. Waits only when this isolate
 * has no model yet; otherwise a newer active version is loaded in the background.
 */
export async function activeModel(bucket: R2Bucket, now = Date.now()): Promise<LoadedModel | undefined> {
  const { current } = cache;
  if (current && now - cache.checkedAt < REFRESH_MS) return current;
  const active = await readActive(bucket);
  cache.checkedAt = now;
  if (!active) return current;
  if (current?.manifest.version === active.version) return current;
  const loading = startLoading(bucket, active);
  if (current) {
    loading.promise.catch((err) =>
      console.error(JSON.stringify({ level: 'error', event: 'model_load_failed', message: String(err) })),
    );
    return current;
  }
  return loading.early;
}

/**
 * Start loading the active model without waiting, e.g. when a session's first event arrives: the
 * SDK sends a page view on load, so the tower is ready by the time the page asks for
 * recommendations. `also` runs with the loaded model (to warm its item index too).
 */
export function warmModel(
  bucket: R2Bucket,
  also?: (model: LoadedModel) => Promise<unknown>,
): Promise<unknown> {
  return activeModel(bucket)
    .then((model) => (model && also ? also(model) : undefined))
    .catch(() => undefined);
}

/** Resolves once the model this isolate is loading (if any) has its tower ready; never rejects. */
export async function towerLoaded(): Promise<void> {
  await cache.loading?.promise.catch(() => undefined);
}

/** Forget the cached version check so the next request re-reads the pointer (after an activation here). */
export function invalidateActiveModel(): void {
  cache.checkedAt = 0;
}

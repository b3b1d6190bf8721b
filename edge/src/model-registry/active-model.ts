/**
 * The model this isolate serves, kept in memory. The active version is re-read from R2 at most every
 * REFRESH_MS; a new version loads in the background while requests keep using the old one
 * (stale-while-revalidate), so a hot swap never drops or stalls a request once a model is loaded.
 * In a new isolate, requests get the model as soon as its manifest is read, with a tower runner that
 * waits for the tower: a visitor without history (trending, no tower) never waits for the ORT cold
 * start. Creating the tower holds the isolate's thread for ~300 ms, so it starts only when asked:
 * on a session's first event (`warmModel`, so the page's request rarely waits), or once an answer
 * served without it has left (`loadTowerSoon`), never ahead of the answer that is being computed.
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
  /** The model with its tower created and run once (after `startTower`). */
  promise: Promise<LoadedModel>;
  /** Start creating the tower (idempotent). */
  startTower(): void;
}

interface CacheState {
  current?: LoadedModel;
  checkedAt: number;
  loading?: Loading;
}

const cache: CacheState = { checkedAt: 0 };

/** The manifest and feature tables (what an answer without the tower needs), and the tower's bytes. */
function readParts(bucket: R2Bucket, version: string) {
  const missing = () => new Error(`model ${version} is active but its files are missing in R2`);
  const head = Promise.all([
    readManifest(bucket, version),
    readModelFile(bucket, version, 'item-features'),
  ]).then(([manifest, features]) => {
    if (!manifest) throw missing();
    return { manifest, features: features ? decodeItemFeatures(features) : undefined };
  });
  const bytes = readModelFile(bucket, version, 'tower').then((b) => b ?? Promise.reject(missing()));
  return { head, bytes };
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
  const { head, bytes } = readParts(bucket, version);
  let startTower = () => {};
  const asked = new Promise<void>((resolve) => {
    startTower = resolve;
  });
  const runner = Promise.all([head, bytes, asked]).then(([{ manifest }, b]) => createRunner(manifest, b));
  // The tower index of 100k ids costs tens of ms: built once, on first use (a trending answer of a
  // site with a catalogue never needs it), and shared by the early and the final model.
  let index: Map<string, number> | undefined;
  const model = (run: TowerRunner, towerLoading?: true) =>
    head.then(({ manifest, features }): LoadedModel => {
      const loaded: LoadedModel = {
        manifest,
        slot,
        runner: run,
        get index() {
          index ??= towerIndex(manifest.tower.items);
          return index;
        },
        features,
      };
      if (towerLoading) loaded.towerLoading = true;
      return loaded;
    });
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
  const early = model({ run: (input) => runner.then((r) => r.run(input)) }, true);
  // Either may go unawaited; failures surface through whichever a request awaits.
  promise.catch(() => undefined);
  early.catch(() => undefined);
  bytes.catch(() => undefined);
  cache.loading = { version, early, promise, startTower };
  return cache.loading;
}

/**
 * The model to answer with, or undefined when none has been published. Waits only when this isolate
 * has no model yet; otherwise the active version is checked and a newer one loaded in the background.
 */
export async function activeModel(bucket: R2Bucket, now = Date.now()): Promise<LoadedModel | undefined> {
  const { current } = cache;
  if (current && now - cache.checkedAt < REFRESH_MS) return current;
  if (!current) return checkActive(bucket, now);
  // With a model loaded the answer never waits for R2: the check runs beside it (a newer version
  // would load in the background while this one answers anyway). Once per REFRESH_MS, failed or not.
  cache.checkedAt = now;
  checkActive(bucket, now).catch((err) =>
    console.error(JSON.stringify({ level: 'error', event: 'model_check_failed', message: String(err) })),
  );
  return current;
}

/** Read the active version; start loading it when it is not the one in memory. */
async function checkActive(bucket: R2Bucket, now: number): Promise<LoadedModel | undefined> {
  const { current } = cache;
  const active = await readActive(bucket);
  cache.checkedAt = now;
  if (!active) return current;
  if (current?.manifest.version === active.version) return current;
  const loading = startLoading(bucket, active);
  if (current) {
    // A swap: the current model answers meanwhile, so the new tower may start at once.
    loading.startTower();
    loading.promise.catch((err) =>
      console.error(JSON.stringify({ level: 'error', event: 'model_load_failed', message: String(err) })),
    );
    return current;
  }
  return loading.early;
}

/**
 * Start loading the active model and its tower without waiting, e.g. when a session's first event
 * arrives: the SDK sends a page view on load, so the tower is ready by the time the page asks for
 * recommendations. `also` runs with the loaded model (to warm its item index too).
 */
export function warmModel(
  bucket: R2Bucket,
  also?: (model: LoadedModel) => Promise<unknown>,
): Promise<unknown> {
  return activeModel(bucket)
    .then((model) => {
      cache.loading?.startTower();
      return model && also ? also(model) : undefined;
    })
    .catch(() => undefined);
}

/**
 * After an answer computed without the tower (it was not created yet): start creating it once this
 * turn is over, so the answer is sent before the isolate's thread is busy with the ORT session.
 */
export function loadTowerSoon(): void {
  const loading = cache.loading;
  if (loading) setTimeout(() => loading.startTower(), 0);
}

/** Resolves once the model this isolate is loading (if any) has its tower ready; never rejects. */
export async function towerLoaded(): Promise<void> {
  cache.loading?.startTower();
  await cache.loading?.promise.catch(() => undefined);
}

/** Forget the cached version check so the next request re-reads the pointer (after an activation here). */
export function invalidateActiveModel(): void {
  cache.checkedAt = 0;
}

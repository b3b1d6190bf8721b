/**
 * Activate a published version on a blue/green slot: the index's dimension is checked against the
 * manifest, older versions are pruned (retention.ts) and this isolate's cached model dropped. The
 * admin route and the retrain Workflow share it.
 */
import { type Slot, vectorIndex } from '../vectorize/binding.ts';
import { invalidateActiveModel } from './active-model.ts';
import { type ActiveModel, activate } from './r2-store.ts';
import { keepVersions } from './retention.ts';

/** Activate `version` on `slot`; throws with a message saying why not. */
export async function activateOnSlot(env: Env, version: string, slot: Slot): Promise<ActiveModel> {
  const index = vectorIndex(env, slot);
  const dims = () =>
    index.describe().then(
      (d) => d.dimensions,
      () => undefined,
    );
  const active = await activate(env.MODELS, version, slot, dims, keepVersions(env.MODEL_KEEP_VERSIONS));
  invalidateActiveModel();
  return active;
}

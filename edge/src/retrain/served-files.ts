/**
 * A model's artifacts as the served pipeline, inside workerd: the int8 session tower through
 * onnxruntime-web (edge/src/tower), the item vectors in memory, the signals it shipped with. What
 * the retrain Workflow scores on the evaluation slice, candidate and active model alike.
 */
import type { ModelManifest } from '../../../contracts/schema/model-manifest.ts';
import { decodeVectorFile } from '../../../model/src/export/vector-file.ts';
import { createServedModel, type ServedModel } from '../../../model/src/serve/pipeline.ts';
import { deserializeSignals } from '../../../model/src/serve/signals-codec.ts';
import { ortTowerRunner } from '../../../model/src/serve/tower-runner.ts';
import { createMemoryVectorIndex } from '../../../model/src/serve/vector-query.ts';

/** The bytes a model is scored from. */
export interface ScoredFiles {
  manifest: ModelManifest;
  tower: Uint8Array;
  vectors: Uint8Array;
  signals: Uint8Array;
}

/** The served pipeline of `files` (fresh signals: an online replay updates them). */
export async function servedModelOf(files: ScoredFiles): Promise<ServedModel> {
  const { createSession, ort } = await import('../tower/ort-workerd.ts');
  const session = await createSession(files.tower);
  const runner = ortTowerRunner(session, ort.Tensor, files.manifest.tower);
  const vectors = createMemoryVectorIndex(decodeVectorFile(files.vectors));
  return createServedModel(files.manifest, runner, vectors, deserializeSignals(files.signals));
}

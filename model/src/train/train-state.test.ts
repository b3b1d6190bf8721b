import { describe, expect, it } from 'vitest';
import { generateCatalogue, generateSessions } from '../synthetic/index.ts';
import { checkpointOf } from './checkpoint.ts';
import { PARAM_KEYS } from './params.ts';
import { startTraining, trainTwoTower } from './train.ts';
import { decodeTrainingState, encodeTrainingState } from './train-state.ts';

const catalogue = generateCatalogue({ items: 150, categories: 5, seed: 31 });
const features = new Map(catalogue.map((i) => [i.id, { category: i.category, price: i.price }]));
const events = generateSessions(catalogue, { sessions: 700, seed: 32, startTime: 1_700_000_000 });
// More items than batch + negatives: the sampled-softmax path, which draws from the generator.
const options = { dim: 8, epochs: 3, batchSize: 32, negatives: 32, seed: 4 };

/** Train epoch by epoch, the state going through bytes between epochs as between Workflow steps. */
function trainInSteps(warm?: Parameters<typeof startTraining>[3]) {
  let bytes: Uint8Array | undefined;
  for (;;) {
    const resume = bytes ? decodeTrainingState(bytes) : undefined;
    const training = startTraining(events, options, features, warm, resume);
    if (training.done) return training.model();
    training.runEpoch();
    bytes = encodeTrainingState(training.pause());
  }
}

describe('a training paused between epochs', { timeout: 60_000 }, () => {
  const whole = trainTwoTower(events, options, features);

  it('resumes into the same model as one uninterrupted run', () => {
    const stepped = trainInSteps();
    expect(stepped.loss).toEqual(whole.loss);
    for (const k of PARAM_KEYS) expect(stepped.params[k], k).toEqual(whole.params[k]);
    expect(stepped.items).toEqual(whole.items);
  });

  it('resumes a warm-started run the same way', () => {
    const warm = checkpointOf(whole);
    const once = trainTwoTower(events, options, features, () => {}, warm);
    const stepped = trainInSteps(warm);
    expect(stepped.loss).toEqual(once.loss);
    expect(stepped.params.eout).toEqual(once.params.eout);
  });

  it('refuses a state that belongs to other events, naming the mismatch', () => {
    const training = startTraining(events, options, features);
    training.runEpoch();
    const state = decodeTrainingState(encodeTrainingState(training.pause()));
    const fewer = events.slice(0, Math.floor(events.length / 2));
    expect(() => startTraining(fewer, options, features, undefined, state)).toThrow(/cannot resume/);
  });

  it('refuses damaged bytes', () => {
    const training = startTraining(events, options, features);
    const bytes = encodeTrainingState(training.pause());
    expect(() => decodeTrainingState(bytes.subarray(0, bytes.length - 64))).toThrow(/truncated/);
    expect(() => decodeTrainingState(new Uint8Array(16))).toThrow(/ETRS/);
  });
});

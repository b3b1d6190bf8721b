/** The default demo model: trained on the synthetic demo shop in seconds (used by `npm start`). */
import { demoData } from '../synthetic/demo.ts';
import type { TrainOptions } from '../train/train.ts';
import { trainModelFolder } from './train-model.ts';

/** Train the demo model into `out` (e.g. `.model/default`); small and fast, catalogue metadata included. */
export function trainDemoModel(
  out: string,
  options: Partial<TrainOptions> = {},
  log?: (line: string) => void,
) {
  const { catalogue, events } = demoData();
  const features = new Map(catalogue.map((i) => [i.id, { category: i.category, price: i.price }]));
  return trainModelFolder({
    events,
    sources: ['synthetic:demo'],
    out,
    features,
    options: { epochs: 4, dim: 32, ...options },
    log,
  });
}

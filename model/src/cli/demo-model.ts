/** `train --synthetic demo`: the model `npm start` trains for the demo shop, from the same definition. */
import { demoData } from '../synthetic/demo.ts';
import type { TrainOptions } from '../train/train.ts';
import { trainModelFolder } from './train-model.ts';

/**
 * Train the demo model into `out`: the demo sessions with the catalogue's category and price
 * features and the default training options, as `npm start` does (`--epochs`, `--dim`, `--seed` override them).
 */
export function trainDemoModel(
  out: string,
  options: Partial<TrainOptions> = {},
  log?: (line: string) => void,
) {
  const { catalogue, events } = demoData();
  const features = new Map(catalogue.map((i) => [i.id, { category: i.category, price: i.price }]));
  return trainModelFolder({ events, sources: ['synthetic:demo'], out, features, options, log });
}

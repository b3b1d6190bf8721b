/**
 * The demo shop's data, defined once: the catalogue the storefront dresses with names and images
 * (`demo-site/src/catalogue/`, one department per category, so ids, categories and prices match)
 * and the sessions its default model is trained on. `npm start` and `npm run model -- train
 * --synthetic demo` both train on exactly these.
 */
import type { SessionEvent } from '../data/session-event.ts';
import { type CatalogueItem, type CatalogueOptions, generateCatalogue } from './catalogue.ts';
import { generateSessions, type SessionOptions } from './sessions.ts';

/** Catalogue options of the demo storefront: 3,000 products over its 16 departments, fixed seed. */
export const DEMO_CATALOGUE = {
  items: 3000,
  categories: 16,
  seed: 20260426,
} as const satisfies CatalogueOptions;

/** Sessions the default demo model is trained on: how many, their seed and start time. */
export const DEMO_SESSIONS = {
  sessions: 5000,
  seed: 11,
  startTime: 1_767_225_600,
} as const satisfies SessionOptions;

/** The demo catalogue and its training sessions. */
export function demoData(): { catalogue: CatalogueItem[]; events: SessionEvent[] } {
  const catalogue = generateCatalogue(DEMO_CATALOGUE);
  return { catalogue, events: generateSessions(catalogue, DEMO_SESSIONS) };
}

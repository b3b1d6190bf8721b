/**
 * The demo shop's data: one catalogue (the storefront builds its products from the same options,
 * so ids match) and generated sessions to train the default model in seconds.
 */
import type { SessionEvent } from '../data/session-event.ts';
import { type CatalogueItem, type CatalogueOptions, generateCatalogue } from './catalogue.ts';
import { generateSessions } from './sessions.ts';

/** Catalogue options of the demo storefront. */
export const DEMO_CATALOGUE: CatalogueOptions = { items: 400, categories: 12, seed: 42 };

/** Sessions the default model is trained on. */
export const DEMO_SESSIONS = { sessions: 2000, seed: 43, startTime: 1_767_225_600 } as const;

/** The demo catalogue and its training sessions. */
export function demoData(): { catalogue: CatalogueItem[]; events: SessionEvent[] } {
  const catalogue = generateCatalogue(DEMO_CATALOGUE);
  return { catalogue, events: generateSessions(catalogue, DEMO_SESSIONS) };
}

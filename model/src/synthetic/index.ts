/** The synthetic data generator's public API (the demo storefront and load tests import this). */
export {
  type CatalogueItem,
  type CatalogueOptions,
  categoryName,
  generateCatalogue,
  itemIdOf,
} from './catalogue.ts';
export { DEMO_CATALOGUE, DEMO_SESSIONS, demoData } from './demo.ts';
export { generateSessions, type SessionOptions, SYNTHETIC_BEHAVIOUR } from './sessions.ts';

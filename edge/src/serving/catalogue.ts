/**
 * What the recommender expects of the item index: the metadata properties it filters on (they need
 * Vectorize metadata indexes, created before vectors are loaded) and how it reads item metadata.
 */
import type { ItemMetadata } from '../../../contracts/recommendations.ts';
import type { MetadataIndex } from '../vectorize/limits.ts';

/** Metadata indexes every item index gets: category filters and the out-of-stock rule run inside it. */
export const ITEM_METADATA_INDEXES: readonly MetadataIndex[] = [
  { propertyName: 'category', indexType: 'string' },
  { propertyName: 'inStock', indexType: 'boolean' },
];

/**
 * The item metadata fields an answer carries, taken only when they have the right type (metadata
 * comes from the catalogue and is rendered by the widget as text).
 */
export function itemMetadata(raw: Record<string, unknown> | undefined): ItemMetadata {
  const out: ItemMetadata = {};
  if (!raw) return out;
  if (typeof raw.title === 'string') out.title = raw.title;
  if (typeof raw.category === 'string') out.category = raw.category;
  if (typeof raw.price === 'number' && Number.isFinite(raw.price)) out.price = raw.price;
  if (typeof raw.image === 'string') out.image = raw.image;
  if (typeof raw.url === 'string') out.url = raw.url;
  if (typeof raw.inStock === 'boolean') out.inStock = raw.inStock;
  return out;
}

/**
 * The catalogue contract: one shop item as `PUT /v1/catalog/items/:id` takes it and `GET` returns it,
 * the bulk import's answer, and the limits of every field. Dependency-free (the CLI, the demo's panel
 * and the edge share it); `schema/catalog-item.ts` enforces it.
 */
import type { JsonShapeLimits } from './json-shape.ts';

/** A catalogue item as the store returns it. */
export interface CatalogItem {
  id: string;
  title: string;
  /** Product page: an absolute http(s) URL or a path on the shop's own origin. */
  url?: string;
  /** Product image, same rules as `url`. */
  image?: string;
  /** Price in `currency` units, stored as sent. */
  price?: number;
  /** ISO 4217 code, e.g. `EUR`. */
  currency?: string;
  category?: string;
  inStock: boolean;
  /** Free-form attributes (brand, colour...), JSON within `ATTRIBUTES_SHAPE`. */
  attributes: Record<string, unknown>;
  /** When the store took the item's current state (ISO 8601). */
  updatedAt: string;
}

/** Every field of an item, in the order feeds and exports list them. */
export const CATALOG_ITEM_FIELDS = [
  'id',
  'title',
  'url',
  'image',
  'price',
  'currency',
  'category',
  'inStock',
  'attributes',
  'updatedAt',
] as const satisfies readonly (keyof CatalogItem)[];

/** What a write may send: every field but `id` (from the path or the line) and `updatedAt` optional. */
export type CatalogItemInput = Omit<CatalogItem, 'id' | 'inStock' | 'attributes' | 'updatedAt'> & {
  id?: string;
  inStock?: boolean;
  attributes?: Record<string, unknown>;
  /**
   * The time of the shop's change (ISO 8601, or ms since the epoch). A write older than what the
   * store holds for the item, its deletion included, is ignored: a late write never wins. Default: now.
   */
  updatedAt?: string | number;
};

/** One refused line of a bulk import (1-based line of the NDJSON, or element index + 1 of an array). */
export interface CatalogLineError {
  line: number;
  path: string;
  message: string;
}

/** The answer of `POST /v1/catalog/items` (bulk upsert). */
export interface CatalogBulkResult {
  /** Lines that changed the store (new items and changed ones). */
  upserted: number;
  /** Valid lines that changed nothing: same content, or older than what the store holds. */
  unchanged: number;
  errors: CatalogLineError[];
}

/** A page of `GET /v1/catalog/items`; `cursor` is absent on the last page. */
export interface CatalogPage {
  items: CatalogItem[];
  cursor?: string;
}

export const MAX_TITLE_LENGTH = 512;
export const MAX_URL_LENGTH = 2048;
export const MAX_PRICE = 1e9;
/** Largest serialised `attributes`. */
export const MAX_ATTRIBUTES_BYTES = 4 * 1024;
/** Shape of `attributes`: shallow, small, printable in an admin panel. */
export const ATTRIBUTES_SHAPE: JsonShapeLimits = { maxDepth: 4, maxEntries: 64, maxStringLength: 1024 };
/** Most lines one bulk request may carry (a CLI import sends chunks of this size). */
export const MAX_BULK_LINES = 1000;
/** Largest bulk request body. */
export const MAX_BULK_BYTES = 4 * 1024 * 1024;
/** Default and largest page of `GET /v1/catalog/items`. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

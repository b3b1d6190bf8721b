/** The Merchant Center feed's value formats: `19.99 EUR` prices, availability words, product_type paths. */
import { MAX_CATEGORY_LENGTH } from '../../../contracts/recommend-request.ts';
import type { Cell } from './cells.ts';

export interface Money {
  amount: number;
  currency?: string;
}

// `19.99 EUR`, `19.99EUR`, `EUR 19.99`, `1,299.00 USD` (thousands commas), or a bare `19.99`.
const AMOUNT = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const AMOUNT_FIRST = new RegExp(String.raw`^${AMOUNT}\s*([A-Za-z]{3})?$`);
const CURRENCY_FIRST = new RegExp(String.raw`^([A-Za-z]{3})\s*${AMOUNT}$`);

/** A Merchant price: amount and ISO 4217 code. */
export function money(text: string, name: string): Cell<Money> {
  const a = AMOUNT_FIRST.exec(text);
  const c = a ? undefined : CURRENCY_FIRST.exec(text);
  const amount = a?.[1] ?? c?.[2];
  if (amount === undefined)
    return { ok: false, message: `${name} must look like 19.99 EUR, got ${JSON.stringify(text)}` };
  const currency = (a?.[2] ?? c?.[1])?.toUpperCase();
  return {
    ok: true,
    value: { amount: Number(amount.replaceAll(',', '')), ...(currency ? { currency } : {}) },
  };
}

/**
 * Availability → `inStock`. Only `in_stock` is true: preorder and backorder items cannot be had now,
 * and the recommender's stock rule exists to keep such items out of a visitor's few slots. The exact
 * word is kept in attributes (see the Merchant parser) for a shop that wants them shown anyway.
 */
const AVAILABILITY: Record<string, boolean> = {
  in_stock: true,
  out_of_stock: false,
  preorder: false,
  backorder: false,
};

/** `in_stock`, `in stock`, `In Stock`... → its canonical word and stock state. */
export function availability(text: string): Cell<{ word: string; inStock: boolean }> {
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const inStock = AVAILABILITY[word];
  return inStock === undefined
    ? {
        ok: false,
        message: `availability must be in_stock, out_of_stock, preorder or backorder, got ${JSON.stringify(text)}`,
      }
    : { ok: true, value: { word, inStock } };
}

/**
 * The category of a `product_type` path: its first `depth` segments (`Home > Kitchen > Knives`, depth 1
 * → `Home`). A prefix of the path, not a truncation of its text: every item of a branch gets the same
 * category, which is what the `category=` filter and the per-category diversity limit compare.
 */
export function categoryOf(productType: string, depth: number): Cell<string> {
  const segments = productType
    .split('>')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const category = segments.slice(0, depth).join(' > ');
  if (category === '') return { ok: false, message: 'product_type has no segment' };
  if (category.length > MAX_CATEGORY_LENGTH)
    return {
      ok: false,
      message: `product_type's first ${depth} segment(s) make a category over ${MAX_CATEGORY_LENGTH} characters`,
    };
  return { ok: true, value: category };
}

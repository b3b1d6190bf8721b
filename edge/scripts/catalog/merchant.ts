/**
 * The Google Merchant Center product feed (`.tsv`, `.txt`): tab-separated with a header of attribute
 * names (`image_link` or `image link`). Mapping: id, title; link → url; image_link → image;
 * price `19.99 EUR` → price + currency, or sale_price when given (the regular price kept as
 * attributes.listPrice); availability → inStock (only in_stock is true: see `merchant-values.ts`);
 * product_type → category (its first `categoryDepth` segments) and attributes.productType (whole);
 * google_product_category → attributes.googleProductCategory; brand and every other column → attributes;
 * description is dropped (up to 5,000 characters, over the attributes' 1,024 per value, and unused).
 */
import type { CatalogItemInput } from '../../../contracts/catalog.ts';
import { csvRows, isRowError } from './csv-rows.ts';
import { availability, categoryOf, type Money, money } from './merchant-values.ts';
import { type CatalogParser, issueAt, type SourceRecord } from './source-record.ts';

export interface MerchantOptions {
  /** How many leading `product_type` segments make the category (1: `Home`; 2: `Home > Kitchen`). */
  categoryDepth?: number;
}

const DROPPED = new Set(['description']);
const ATTRIBUTE_NAMES: Record<string, string> = {
  product_type: 'productType',
  google_product_category: 'googleProductCategory',
};

/** Header names as Google spells them in either style: `image link` → `image_link`. */
const normalise = (name: string) => name.trim().toLowerCase().replace(/\s+/g, '_');

type Priced = { ok: true; value?: Money; listPrice?: number } | { ok: false; path: string; message: string };

/** What the customer pays now: sale_price when given (same currency as price), else price. */
function prices(row: Map<string, string>): Priced {
  const parsed: Partial<Record<'price' | 'sale_price', Money>> = {};
  for (const name of ['price', 'sale_price'] as const) {
    const text = row.get(name);
    if (text === undefined) continue;
    const m = money(text, name);
    if (!m.ok) return { ok: false, path: name, message: m.message };
    parsed[name] = m.value;
  }
  const { price, sale_price: sale } = parsed;
  if (!sale) return { ok: true, value: price };
  if (price && price.currency !== sale.currency)
    return {
      ok: false,
      path: 'sale_price',
      message: `sale_price is in ${sale.currency}, price in ${price.currency}`,
    };
  return { ok: true, value: sale, listPrice: price?.amount };
}

function toRecord(line: number, names: string[], cells: string[], depth: number): SourceRecord {
  if (cells.length !== names.length)
    return issueAt(line, 'line', `has ${cells.length} fields, the header has ${names.length}`);
  const row = new Map<string, string>();
  for (const [i, name] of names.entries()) {
    const text = cells[i]!.trim();
    if (text !== '') row.set(name, text);
  }
  const item: CatalogItemInput & { id?: string } = { title: row.get('title') ?? '' };
  const attributes: Record<string, unknown> = {};
  for (const [name, text] of row) {
    if (name === 'id') item.id = text;
    else if (name === 'link') item.url = text;
    else if (name === 'image_link') item.image = text;
    else if (name === 'price' || name === 'sale_price') continue;
    else if (name === 'availability') {
      const a = availability(text);
      if (!a.ok) return issueAt(line, name, a.message);
      item.inStock = a.value.inStock;
      if (a.value.word === 'preorder' || a.value.word === 'backorder') attributes.availability = a.value.word;
    } else if (name === 'product_type') {
      const c = categoryOf(text, depth);
      if (!c.ok) return issueAt(line, name, c.message);
      item.category = c.value;
      attributes.productType = text;
    } else if (name !== 'title' && !DROPPED.has(name)) attributes[ATTRIBUTE_NAMES[name] ?? name] = text;
  }
  const priced = prices(row);
  if (!priced.ok) return issueAt(line, priced.path, priced.message);
  if (priced.value) {
    item.price = priced.value.amount;
    if (priced.value.currency) item.currency = priced.value.currency;
    if (priced.listPrice !== undefined) attributes.listPrice = priced.listPrice;
  }
  if (Object.keys(attributes).length > 0) item.attributes = attributes;
  return { line, item };
}

/** A Merchant feed parser; a header without `id` is one refusal at line 1 and ends the file. */
export function merchantParser({ categoryDepth = 1 }: MerchantOptions = {}): CatalogParser {
  return async function* parseMerchant(lines) {
    let names: string[] | undefined;
    for await (const row of csvRows(lines, '\t')) {
      if (isRowError(row)) {
        yield issueAt(
          row.line,
          names?.[row.column - 1] ?? (names ? `column ${row.column}` : 'header'),
          row.message,
        );
        if (!names) return;
        continue;
      }
      if (!names) {
        names = row.fields.map(normalise);
        const dup = names.find((n, i) => names!.indexOf(n) !== i);
        const problem = !names.includes('id')
          ? 'no id column'
          : dup !== undefined
            ? `column ${dup} appears twice`
            : '';
        if (problem) {
          yield issueAt(row.line, 'header', problem);
          return;
        }
        continue;
      }
      yield toRecord(row.line, names, row.fields, categoryDepth);
    }
  };
}

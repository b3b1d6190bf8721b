/** The three import formats: which parser reads a file, chosen by `--format` or its extension. */
import { extname } from 'node:path';
import { parseCsv } from './csv.ts';
import { merchantParser } from './merchant.ts';
import { parseNdjson } from './ndjson.ts';
import type { CatalogParser } from './source-record.ts';

export const FORMATS = ['ndjson', 'csv', 'merchant'] as const;
export type Format = (typeof FORMATS)[number];

const BY_EXTENSION: Record<string, Format> = {
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.csv': 'csv',
  '.tsv': 'merchant',
  '.txt': 'merchant',
};

/** The format of `path` by its extension, or undefined when it says nothing. */
export const formatOf = (path: string): Format | undefined => BY_EXTENSION[extname(path).toLowerCase()];

/** Contract fields as the Merchant feed names its columns, so a refusal points at the file's column. */
const MERCHANT_COLUMNS: Record<string, string> = {
  url: 'link',
  image: 'image_link',
  inStock: 'availability',
  category: 'product_type',
};

/** The parser for `format`, and how it names a contract field (the column a refusal points at). */
export function formatReader(
  format: Format,
  options: { categoryDepth?: number } = {},
): { parse: CatalogParser; column: (path: string) => string } {
  if (format === 'merchant')
    return { parse: merchantParser(options), column: (path) => MERCHANT_COLUMNS[path] ?? path };
  return { parse: format === 'csv' ? parseCsv : parseNdjson, column: (path) => path };
}

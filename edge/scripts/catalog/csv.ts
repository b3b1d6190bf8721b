/**
 * CSV (`.csv`): a header row naming the contract's fields (id, title, url, image, price, currency,
 * category, inStock, attributes, updatedAt; case, `_`, `-` and spaces ignored, so `in_stock` works),
 * then one item a record. `attributes` is a JSON object in one cell; every other column goes into
 * `attributes` under its header name. Empty cells are absent fields; cells are trimmed.
 */
import { CATALOG_ITEM_FIELDS, type CatalogItemInput } from '../../../contracts/catalog.ts';
import { boolean, type Cell, decimal, jsonObject, time } from './cells.ts';
import { csvRows, isRowError } from './csv-rows.ts';
import { type CatalogParser, issueAt, type SourceRecord } from './source-record.ts';

type Field = (typeof CATALOG_ITEM_FIELDS)[number];
const key = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');
const BY_KEY = new Map(CATALOG_ITEM_FIELDS.map((f) => [key(f), f]));

/** The header's columns: a contract field, or an attribute name. */
type Column = { field: Field } | { attribute: string };

function readHeader(names: string[]): Column[] | string {
  const seen = new Set<string>();
  const columns: Column[] = [];
  for (const [i, raw] of names.entries()) {
    const name = raw.trim();
    if (name === '') return `column ${i + 1} has no name`;
    const field = BY_KEY.get(key(name));
    const id = field ?? name;
    if (seen.has(id)) return `column ${JSON.stringify(name)} appears twice`;
    seen.add(id);
    columns.push(field ? { field } : { attribute: name });
  }
  return seen.has('id') ? columns : 'no id column';
}

function cellValue(field: Field, text: string): Cell<unknown> {
  if (field === 'price') return decimal(text, 'price');
  if (field === 'inStock') return boolean(text, 'inStock');
  if (field === 'attributes') return jsonObject(text, 'attributes');
  if (field === 'updatedAt') return { ok: true, value: time(text) };
  return { ok: true, value: text };
}

function toRecord(line: number, columns: Column[], cells: string[]): SourceRecord {
  if (cells.length !== columns.length)
    return issueAt(line, 'line', `has ${cells.length} fields, the header has ${columns.length}`);
  const item: Record<string, unknown> = {};
  const extra: Record<string, string> = {};
  for (const [i, column] of columns.entries()) {
    const text = cells[i]!.trim();
    if (text === '') continue;
    if ('attribute' in column) {
      extra[column.attribute] = text;
      continue;
    }
    const cell = cellValue(column.field, text);
    if (!cell.ok) return issueAt(line, column.field, cell.message);
    item[column.field] = cell.value;
  }
  // A key in the JSON column beats a same-named extra column: it is the more deliberate of the two.
  const attributes = { ...extra, ...(item.attributes as Record<string, unknown> | undefined) };
  if (Object.keys(attributes).length > 0) item.attributes = attributes;
  return { line, item: item as CatalogItemInput };
}

/** Items of a CSV file; a bad header is one refusal at line 1 and ends the file. */
export const parseCsv: CatalogParser = async function* (lines) {
  let columns: Column[] | undefined;
  for await (const row of csvRows(lines, ',')) {
    if (isRowError(row)) {
      const column = columns?.[row.column - 1];
      const path = !column ? `column ${row.column}` : 'field' in column ? column.field : column.attribute;
      yield issueAt(row.line, columns ? path : 'header', row.message);
      if (!columns) return;
      continue;
    }
    if (!columns) {
      const header = readHeader(row.fields);
      if (typeof header === 'string') {
        yield issueAt(row.line, 'header', header);
        return;
      }
      columns = header;
      continue;
    }
    yield toRecord(row.line, columns, row.fields);
  }
};

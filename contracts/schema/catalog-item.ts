/**
 * The catalogue item schema of `/v1/catalog/items`: whole items (`PUT`, bulk lines), partial ones
 * (`PATCH`), with the API's error shape (`path` names the field). Imported by the edge and the CLI.
 */
import * as v from 'valibot';
import {
  ATTRIBUTES_SHAPE,
  MAX_ATTRIBUTES_BYTES,
  MAX_PRICE,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
} from '../catalog.ts';
import { jsonShapeProblem } from '../json-shape.ts';
import { MAX_EVENT_TS, MIN_EVENT_TS } from '../limits.ts';
import { MAX_CATEGORY_LENGTH } from '../recommend-request.ts';
import { ItemIdSchema } from './events.ts';

/**
 * An absolute http(s) URL, or a path on the shop's own origin (`/p/1`, not `//evil.example`); printable
 * ASCII (percent-encode the rest), as a shop's feed exports it.
 */
function isLink(s: string): boolean {
  if (!/^[\x21-\x7e]+$/.test(s)) return false;
  if (s.startsWith('/')) return !s.startsWith('//');
  try {
    const { protocol } = new URL(s);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

const Link = (name: string) =>
  v.pipe(
    v.string(`${name} must be a string`),
    v.maxLength(MAX_URL_LENGTH, `${name} must be at most ${MAX_URL_LENGTH} characters`),
    v.check(isLink, `${name} must be an http(s) URL or a path starting with /`),
  );

const Title = v.pipe(
  v.string('title must be a string'),
  v.trim(),
  v.minLength(1, 'title must not be empty'),
  v.maxLength(MAX_TITLE_LENGTH, `title must be at most ${MAX_TITLE_LENGTH} characters`),
);

const Price = v.pipe(
  v.number('price must be a number'),
  v.finite('price must be finite'),
  v.minValue(0, 'price must not be negative'),
  v.maxValue(MAX_PRICE, `price must be at most ${MAX_PRICE}`),
);

const Currency = v.pipe(
  v.string('currency must be a string'),
  v.regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code like EUR'),
);

const Category = v.pipe(
  v.string('category must be a string'),
  v.trim(),
  v.minLength(1, 'category must not be empty'),
  v.maxLength(MAX_CATEGORY_LENGTH, `category must be at most ${MAX_CATEGORY_LENGTH} characters`),
);

const InStock = v.boolean('inStock must be a boolean');

const Attributes = v.pipe(
  v.custom<Record<string, unknown>>(
    (a) => typeof a === 'object' && a !== null && !Array.isArray(a),
    'attributes must be an object',
  ),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problem = jsonShapeProblem(dataset.value, ATTRIBUTES_SHAPE, 'attributes');
    if (problem) addIssue({ message: problem.message });
  }),
  v.check(
    (a) => JSON.stringify(a).length <= MAX_ATTRIBUTES_BYTES,
    `attributes must serialise to at most ${MAX_ATTRIBUTES_BYTES} bytes`,
  ),
);

/** ISO 8601 or ms since the epoch → ms, within the plausible range of event times. */
const UpdatedAt = v.pipe(
  v.union(
    [v.string(), v.pipe(v.number(), v.integer())],
    'updatedAt must be an ISO 8601 time or integer ms since the epoch',
  ),
  v.transform((t) => (typeof t === 'number' ? t : Date.parse(t))),
  v.check(
    (ms) => Number.isFinite(ms) && ms >= MIN_EVENT_TS && ms <= MAX_EVENT_TS,
    'updatedAt must be a time between 2020 and 2100',
  ),
);

const fields = {
  title: Title,
  url: v.optional(Link('url')),
  image: v.optional(Link('image')),
  price: v.optional(Price),
  currency: v.optional(Currency),
  category: v.optional(Category),
  inStock: v.optional(InStock, true),
  attributes: v.optional(Attributes, {}),
  updatedAt: v.optional(UpdatedAt),
};

/** A whole item without its id (`PUT /v1/catalog/items/:id`); an `id` in the body must be the path's. */
const ItemBodySchema = v.strictObject({ id: v.optional(ItemIdSchema), ...fields });
/** A bulk line: a whole item with its id. */
const ItemLineSchema = v.strictObject({ id: ItemIdSchema, ...fields });
/** A partial item (`PATCH`): at least one field; `null` clears an optional one. */
const ItemPatchSchema = v.pipe(
  v.strictObject({
    title: v.optional(Title),
    url: v.optional(v.nullable(Link('url'))),
    image: v.optional(v.nullable(Link('image'))),
    price: v.optional(v.nullable(Price)),
    currency: v.optional(v.nullable(Currency)),
    category: v.optional(v.nullable(Category)),
    inStock: v.optional(InStock),
    attributes: v.optional(Attributes),
    updatedAt: v.optional(UpdatedAt),
  }),
  v.check((p) => Object.keys(p).some((k) => k !== 'updatedAt'), 'a patch must change at least one field'),
);

/** A validated whole item as the store takes it; `updatedAt` in ms when the shop sent one. */
export type CatalogWrite = v.InferOutput<typeof ItemLineSchema>;
/** A validated patch. */
export type CatalogPatch = v.InferOutput<typeof ItemPatchSchema>;

/** What is wrong with a catalogue write: the field's dotted path and a message. */
export interface CatalogIssue {
  path: string;
  message: string;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; issue: CatalogIssue };

function parse<T>(schema: v.GenericSchema<unknown, T>, input: unknown, root: string): Parsed<T> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  return { ok: false, issue: { path: v.getDotPath(issue) ?? root, message: issue.message } };
}

/** A whole item for `id` (the path's), from a `PUT` body. */
export function parseCatalogItem(id: string, body: unknown): Parsed<CatalogWrite> {
  const idCheck = parse(ItemIdSchema, id, 'id');
  if (!idCheck.ok) return idCheck;
  const parsed = parse(ItemBodySchema, body, 'body');
  if (!parsed.ok) return parsed;
  if (parsed.value.id !== undefined && parsed.value.id !== id)
    return { ok: false, issue: { path: 'id', message: `id in the body (${parsed.value.id}) is not ${id}` } };
  return { ok: true, value: { ...parsed.value, id } };
}

/** One bulk line (an item with its id). */
export function parseCatalogLine(line: unknown): Parsed<CatalogWrite> {
  return parse(ItemLineSchema, line, 'line');
}

/** A `PATCH` body. */
export function parseCatalogPatch(body: unknown): Parsed<CatalogPatch> {
  return parse(ItemPatchSchema, body, 'body');
}

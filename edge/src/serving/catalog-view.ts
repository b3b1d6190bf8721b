/**
 * What the catalogue says about an answer's items, read once per answer (cached per isolate for
 * catalog/cache.ts's TTL): which candidates may be shown at all, their current category and stock
 * for the rules, and the title, price, image and URL the visitor sees. Never the index's metadata
 * once the site has a catalogue: index mutations are asynchronous, the store is not.
 */
import type { ItemMetadata } from '../../../contracts/recommendations.ts';
import { featureVector } from '../../../model/src/serve/item-features.ts';
import { catalogGoverns, catalogRows, catalogVersion, freshRows, knownToGovern } from '../catalog/cache.ts';
import { indexMetadata } from '../catalog/index-sync.ts';
import type { CatalogRow } from '../catalog/row.ts';
import type { LoadedModel } from '../model-registry/active-model.ts';
import type { Candidate } from '../rules/types.ts';

/** The catalogue of one site as one answer sees it. */
export interface CatalogView {
  /** The site has sent items: the catalogue decides what may be shown. */
  governs: boolean;
  /** Rows read so far (null: the store has no such item). */
  rows: Map<string, CatalogRow | null>;
  /** Items the model was not trained on, written recently, with vectors from their features. */
  fresh: VectorizeVector[];
  /**
   * The catalogue's change version as this isolate knows it now, and the view's fresh items: two
   * answers with the same stamp admit the same items and merge the same fresh ones into the
   * index's answers. Read it again after `caughtUp` for the version the admission will see.
   */
  stamp(): string;
  /** Settles once this isolate's replica has read the site's latest changes (the admission waits for it). */
  caughtUp: Promise<unknown>;
}

/** The view for a site; `fresh` only when the model can give new items vectors. */
export async function catalogView(db: D1Database, site: string, model: LoadedModel): Promise<CatalogView> {
  const { features } = model;
  const vectors = !!features && features.dim === model.manifest.dim;
  // A site this isolate has seen hold an item governs for good (its change versions only grow), so
  // its answer does not wait here for the replica's catch-up (a D1 query every TTL_MS): retrieval
  // runs beside it, and the rows the answer admits wait for it (`readInto` → `catalogRows`). Its
  // fresh items are read beside its changes, not after them.
  const known = knownToGovern(site);
  const early = vectors && known ? freshRows(db, site) : undefined;
  early?.catch(() => undefined); // awaited below unless the site does not govern
  const caughtUp = catalogGoverns(db, site);
  caughtUp.catch(() => undefined); // the admission's rows fail with it
  const governs = known || (await caughtUp);
  let freshIds = '';
  const view: CatalogView = {
    governs,
    rows: new Map(),
    fresh: [],
    stamp: () => `${catalogVersion(site)}${freshIds}`,
    caughtUp,
  };
  if (!governs || !features || !vectors) return view;
  for (const row of await (early ?? freshRows(db, site))) {
    view.rows.set(row.id, row);
    if (model.index.has(row.id)) continue;
    const values = featureVector(features, {
      category: row.category ?? undefined,
      price: row.price ?? undefined,
    });
    view.fresh.push({ id: row.id, values, metadata: indexMetadata(row) });
  }
  if (view.fresh.length > 0) freshIds = `:${view.fresh.map((v) => v.id).join(',')}`;
  return view;
}

/** Read the rows of `ids` the view does not hold yet. */
export async function readInto(db: D1Database, site: string, view: CatalogView, ids: readonly string[]) {
  if (!view.governs) return;
  const missing = ids.filter((id) => !view.rows.has(id));
  if (missing.length === 0) return;
  for (const [id, row] of await catalogRows(db, site, missing)) view.rows.set(id, row);
}

/**
 * `candidates` that may be shown, with the catalogue's category and stock. Without a catalogue, the
 * model's own items only (never an item another site added to the shared index).
 */
export function admit(view: CatalogView, model: LoadedModel, candidates: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    if (!view.governs) {
      if (model.index.has(c.id)) out.push(c);
      continue;
    }
    const row = view.rows.get(c.id);
    if (!row || row.deleted === 1) continue;
    const admitted: Candidate = { ...c, inStock: row.in_stock === 1 };
    if (row.category !== null) admitted.category = row.category;
    else delete admitted.category;
    out.push(admitted);
  }
  return out;
}

/** The metadata an answer shows for `id`: the stored row's, else (no catalogue) the index's. */
export function metadataOf(view: CatalogView, id: string, indexMeta: ItemMetadata): ItemMetadata {
  const row = view.governs ? view.rows.get(id) : undefined;
  if (!row) return indexMeta;
  const m: ItemMetadata = { title: row.title, inStock: row.in_stock === 1 };
  if (row.category !== null) m.category = row.category;
  if (row.price !== null) m.price = row.price;
  if (row.currency !== null) m.currency = row.currency;
  if (row.image !== null) m.image = row.image;
  if (row.url !== null) m.url = row.url;
  return m;
}

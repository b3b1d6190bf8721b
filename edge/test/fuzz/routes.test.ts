/**
 * Fuzz every other route with a published model (query strings, path parameters, bodies and the
 * headers that steer them): never a 5xx, errors in the one JSON shape, a full answer when the
 * catalogue has k items, and a refused request erases or changes nothing (a canary session and the
 * active model are read back after each case).
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, expect, inject, it } from 'vitest';
import type { RecommendationResponse } from '../../../contracts/recommendations.ts';
import { itemOf } from '../../src/catalog/row.ts';
import { readItem } from '../../src/catalog/store.ts';
import { readSiteKey } from '../../src/config/site-key-store.ts';
import { readRetrains } from '../../src/model-registry/retrains.ts';
import { publishFixture } from '../fixtures/publish-fixture.ts';
import { uid, viewBatch } from '../helpers.ts';
import { expectApiAnswer } from './answer.ts';
import {
  anyString,
  authorization,
  contentType,
  encode,
  headerSafe,
  jsonText,
  origin,
  pathSegment,
  queryOf,
  siteKey,
} from './arbitraries.ts';
import { FUZZ_TIMEOUT_MS, report, runsOf } from './budget.ts';
import { CANARY_ITEM, CATALOG_SITE, catalogRequest } from './catalog-cases.ts';
import { readSession, send } from './request.ts';

const fixture = inject('tower');
const VERSION = 'fuzz-model';
const PLACEMENTS = ['home', 'product', 'cart', 'trending'];
let canary = '';

async function plantCanary(): Promise<void> {
  canary = uid('canary');
  const res = await send('/v1/events?key=demo', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(viewBatch(canary, 2)),
  });
  expect(res.status).toBe(202);
}

const ADMIN = { Authorization: 'Bearer test-admin-token' };
const canaryItemPath = `/v1/catalog/items/${CANARY_ITEM}?key=${CATALOG_SITE}`;

/** Retrain run parameters: near-valid (each field right or wrong) or any JSON. */
const runText = fc.oneof(
  fc
    .record(
      {
        from: fc.oneof(fc.integer(), fc.double(), fc.string()),
        to: fc.oneof(fc.constant(1_900_000_000_000), fc.integer(), fc.string()),
        publish: fc.constantFrom('auto', 'never', 'force', 'sometimes', 1),
        margin: fc.oneof(fc.double(), fc.constant(0.02)),
        evalFraction: fc.oneof(fc.double(), fc.constant(0.1)),
        epochs: fc.integer({ min: -2, max: 30 }),
        site: fc.oneof(anyString, fc.constant('demo')),
        cold: fc.oneof(fc.boolean(), fc.constant('yes')),
      },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o)),
  jsonText,
);
/**
 * The canary item as the store holds it (as `GET` would answer it, or its state when absent), read
 * from D1 itself: reading it twice a case through the admin route would meet that route's rate limit.
 */
async function readCanaryItem(): Promise<string> {
  const row = await readItem(env.CATALOG, CATALOG_SITE, CANARY_ITEM);
  if (!row) return 'absent';
  return row.deleted === 1 ? 'deleted' : JSON.stringify(itemOf(row));
}

beforeAll(async () => {
  await publishFixture(fixture, VERSION, 'a');
  await plantCanary();
  const put = await send(canaryItemPath, {
    method: 'PUT',
    headers: { ...ADMIN, 'Content-Type': 'application/json' },
    body: JSON.stringify({ title: 'Canary', price: 1, category: 'birds' }),
  });
  expect(put.status).toBe(200);
});

const itemId = fc.constantFrom(...fixture.itemIds);
// A pool of sessions, not a fresh one per case: every new Durable Object makes local workerd slower.
const POOL = Array.from({ length: 16 }, () => uid('fzr'));
const poolSession = fc.constantFrom(...POOL);
const sessionId = fc.oneof(
  { weight: 2, arbitrary: fc.constant('CANARY') },
  { weight: 3, arbitrary: poolSession },
  { weight: 1, arbitrary: pathSegment },
);
const recValue = fc.oneof(
  fc.constantFrom(
    'demo',
    ...PLACEMENTS,
    '1',
    '4',
    '8',
    '24',
    '25',
    '0',
    '-1',
    'shoes',
    '',
    'constructor',
    '__proto__',
  ),
  itemId,
  fc.array(itemId, { maxLength: 4 }).map((ids) => ids.join(',')),
  poolSession,
);

// Site keys the fuzz may create, change and remove: never one the other cases send (`demo`, ...).
const SEEDED = new Set(Object.keys(JSON.parse(env.SITE_KEYS)));
const fuzzSite = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('fz-a', 'fz_b', 'fzc') },
  { weight: 1, arbitrary: anyString.filter((s) => !SEEDED.has(s)) },
);
const siteEntryText = fc.oneof(
  jsonText,
  fc
    .record({
      origins: fc.array(fc.oneof(fc.constantFrom('https://fz.example', 'http://127.0.0.1:9'), anyString), {
        maxLength: 3,
      }),
      limits: fc.option(
        fc.dictionary(
          fc.constantFrom('eventsPerIp', 'admin', 'sessionsPerIp', 'nope'),
          fc.oneof(
            fc.constant('off'),
            fc.record({ binding: fc.constantFrom('RL_ADMIN', 'x'), period: fc.constantFrom(10, 60, 5) }),
          ),
        ),
        { nil: undefined },
      ),
    })
    .map((b) => JSON.stringify(b)),
);
// Retrain records: near-valid ones (a field off) and any JSON.
const retrainText = fc.oneof(
  jsonText,
  fc
    .record({
      at: fc.constantFrom(new Date(0).toISOString(), 'now', ''),
      decision: fc.constantFrom('promote', 'keep', 'x'),
      publishMode: fc.constantFrom('auto', 'never', 'force'),
      candidate: fc.record({
        version: fc.oneof(fc.constantFrom('fz-m1', 'fz-m2'), anyString),
        scores: fc.record({
          k: fc.integer({ min: -1, max: 30 }),
          hr: fc.double({ min: -1, max: 2 }),
          mrr: fc.double({ min: 0, max: 1 }),
          coverage: fc.double({ min: 0, max: 1 }),
          n: fc.integer({ min: -1, max: 1000 }),
        }),
      }),
      margin: fc.double({ min: -0.5, max: 1.5 }),
      reasons: fc.array(anyString, { maxLength: 3 }),
      range: fc.record({
        from: fc.constant(new Date(0).toISOString()),
        to: fc.constant(new Date(1).toISOString()),
      }),
      seconds: fc.double({ min: -1, max: 1e6 }),
    })
    .map((b) => JSON.stringify(b)),
);
const retrainState = async () => JSON.stringify(await readRetrains(env.MODELS));

/** A site key's stored state, read from D1 (the admin route would meet its own rate limit). */
const siteState = async (site: string) => JSON.stringify(await readSiteKey(env.CATALOG, site));

/** One request of any route, as (method, path, init). */
const request = fc.oneof(
  // Recommendations: well-formed ones common, so answers (not only refusals) are checked.
  fc
    .record({
      placement: fc.constantFrom(...PLACEMENTS),
      k: fc.integer({ min: 1, max: 12 }),
      item: fc.option(itemId),
      session: fc.oneof(fc.constant('CANARY'), poolSession),
      origin,
    })
    .map((r) => {
      const q = new URLSearchParams({
        key: 'demo',
        session: r.session,
        placement: r.placement,
        k: String(r.k),
      });
      if (r.item !== null) q.set('item', r.item);
      return {
        method: 'GET',
        path: `/v1/recommendations?${q}`,
        headers: r.origin ? { Origin: r.origin } : {},
        k: r.k,
      };
    }),
  fc
    .record({
      q: queryOf(['key', 'session', 'placement', 'k', 'item', 'exclude', 'category'], recValue),
      origin,
    })
    .map((r) => ({
      method: 'GET',
      path: `/v1/recommendations?${r.q}`,
      headers: r.origin ? { Origin: r.origin } : {},
    })),
  fc
    .record({ q: queryOf(['key', 'session', 'placement', 'k', 'item'], recValue), ws: fc.boolean() })
    .map((r) => ({
      method: 'GET',
      path: `/v1/recommendations/ws?${r.q}`,
      headers: r.ws ? { Upgrade: 'websocket' } : {},
    })),
  fc
    .record({ id: sessionId, key: siteKey, origin, type: contentType, body: fc.option(jsonText) })
    .map((r) => ({
      method: 'POST',
      path: `/v1/sessions/${r.id}/forget${r.key === undefined ? '' : `?key=${encode(r.key)}`}`,
      headers: { ...(r.origin ? { Origin: r.origin } : {}), ...(r.type ? { 'Content-Type': r.type } : {}) },
      body: r.body ?? undefined,
    })),
  fc
    .record({
      id: sessionId,
      key: siteKey,
      method: fc.constantFrom('GET', 'DELETE', 'PUT'),
      auth: authorization,
    })
    .map((r) => ({
      method: r.method,
      path: `/v1/sessions/${r.id}${r.key === undefined ? '' : `?key=${encode(r.key)}`}`,
      headers: r.auth ? { Authorization: r.auth } : {},
    })),
  // A person's export and erasure (random people: the canary session is never linked to one).
  fc
    .record({
      id: fc.oneof(pathSegment, fc.string({ maxLength: 140 })),
      key: siteKey,
      method: fc.constantFrom('GET', 'DELETE', 'PUT'),
      sub: fc.constantFrom('', '/export'),
      auth: authorization,
    })
    .map((r) => ({
      method: r.method,
      path: `/v1/users/${encodeURIComponent(r.id)}${r.sub}${r.key === undefined ? '' : `?key=${encode(r.key)}`}`,
      headers: r.auth ? { Authorization: r.auth } : {},
    })),
  fc
    .record({
      version: fc.oneof(pathSegment, fc.stringMatching(/^[\w.-]{1,64}$/)),
      file: fc.oneof(fc.constantFrom('manifest.json', 'tower', 'signals'), pathSegment),
      action: fc.constantFrom('put', 'activate', 'active'),
      slot: fc.oneof(fc.constantFrom('a', 'b'), anyString),
      auth: authorization,
      body: fc.oneof(jsonText, anyString, fc.constant('')),
    })
    .filter((r) => r.version !== VERSION)
    .map((r) => {
      const headers = r.auth ? { Authorization: r.auth } : {};
      if (r.action === 'active') return { method: 'GET', path: '/v1/admin/models/active', headers };
      if (r.action === 'put')
        return { method: 'PUT', path: `/v1/admin/models/${r.version}/${r.file}`, headers, body: r.body };
      return {
        method: 'POST',
        path: `/v1/admin/models/${r.version}/activate?slot=${encode(r.slot)}`,
        headers,
      };
    }),
  // The index admin API; writes only into slot b (slot a serves the model every other case reads).
  fc
    .record({
      slot: fc.oneof(
        fc.constant('b'),
        pathSegment.filter((s) => s !== 'a'),
      ),
      op: fc.constantFrom('PUT', 'GET', 'DELETE', 'vectors', 'query', 'query-a'),
      auth: authorization,
      type: contentType,
      body: fc.oneof(
        jsonText,
        fc
          .record({
            dimensions: fc.integer({ min: -2, max: 2000 }),
            metric: fc.constantFrom('cosine', 'dot-product', 'x'),
          })
          .map((b) => JSON.stringify(b)),
        fc
          .record({
            vector: fc.array(fc.double(), { maxLength: 10 }),
            options: fc.record({ topK: fc.integer({ min: -5, max: 200 }) }),
          })
          .map((b) => JSON.stringify(b)),
        fc.uint8Array({ maxLength: 64 }),
      ),
    })
    .map((r) => {
      const headers = {
        ...(r.auth ? { Authorization: r.auth } : {}),
        ...(r.type ? { 'Content-Type': r.type } : {}),
      };
      const slot = r.op === 'query-a' ? 'a' : r.slot;
      const sub = r.op === 'vectors' ? '/vectors' : r.op.startsWith('query') ? '/query' : '';
      const method = r.op === 'vectors' || r.op.startsWith('query') ? 'POST' : r.op;
      return {
        method,
        path: `/v1/admin/indexes/${slot}${sub}`,
        headers,
        body: method === 'GET' || method === 'DELETE' ? undefined : r.body,
      };
    }),
  fc
    .record({ name: pathSegment, q: queryOf(['key', 'from', 'to'], recValue), auth: authorization })
    .map((r) => ({
      method: 'GET',
      path: `/v1/experiments/${r.name}?${r.q}`,
      headers: r.auth ? { Authorization: r.auth } : {},
    })),
  catalogRequest,
  // Retrain records (the dashboard reads them): stored by the operator only, validated.
  fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'PUT'),
      auth: authorization,
      type: contentType,
      body: retrainText,
    })
    .map((r) => ({
      method: r.method,
      path: '/v1/admin/models/retrains',
      headers: {
        ...(r.auth ? { Authorization: r.auth } : {}),
        ...(r.type ? { 'Content-Type': r.type } : {}),
      },
      body: r.body,
      retrains: true,
    })),
  // Retrain runs: started by the operator only, their parameters validated (a valid one over a range
  // with no log is skipped at once); any run id read back.
  fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'POST', 'DELETE'),
      id: fc.option(pathSegment, { nil: undefined }),
      auth: authorization,
      type: contentType,
      body: runText,
    })
    .map((r) => ({
      method: r.method,
      path: `/v1/admin/models/retrains/runs${r.id === undefined ? '' : `/${r.id}`}`,
      headers: {
        ...(r.auth ? { Authorization: r.auth } : {}),
        ...(r.type ? { 'Content-Type': r.type } : {}),
      },
      body: r.method === 'POST' ? r.body : undefined,
      retrains: true,
    })),
  // Site keys at runtime: created, changed and removed by the operator token or junk credentials.
  fc
    .record({
      site: fuzzSite,
      method: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH'),
      sub: fc.constantFrom('', '', '/versions'),
      auth: authorization,
      type: contentType,
      ifMatch: fc.option(fc.constantFrom('"0"', '"1"', '"2"', 'W/"1"', 'x', ''), { nil: undefined }),
      body: siteEntryText,
    })
    .map((r) => ({
      method: r.method,
      path: `/v1/admin/sites${r.sub}?key=${encode(r.site)}`,
      headers: {
        ...(r.auth ? { Authorization: r.auth } : {}),
        ...(r.type ? { 'Content-Type': r.type } : {}),
        ...(r.ifMatch !== undefined ? { 'If-Match': r.ifMatch } : {}),
      },
      body: r.body,
      siteKeyOf: r.site,
    })),
  fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
      path: fc.array(pathSegment, { maxLength: 4 }),
      origin,
    })
    .map((r) => ({
      method: r.method,
      path: `/v1/${r.path.join('/')}`,
      headers: r.origin ? { Origin: r.origin } : {},
    })),
);

it(
  'every route: never a 5xx, JSON errors, full answers, and refusals change nothing',
  async () => {
    const started = Date.now();
    let cases = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        cases++;
        const path = r.path.replaceAll('CANARY', canary);
        const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, headerSafe(v)]));
        const init: RequestInit = { method: r.method, headers };
        if ('body' in r && r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD')
          init.body = r.body;
        const itemBefore = 'catalogItem' in r ? await readCanaryItem() : '';
        const siteBefore = 'siteKeyOf' in r ? await siteState(r.siteKeyOf) : '';
        const retrainsBefore = 'retrains' in r ? await retrainState() : '';
        const res = await send(path, init);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const context = `${r.method} ${path} ${JSON.stringify(headers)}`;
        if (res.status === 101) {
          res.webSocket?.accept();
          res.webSocket?.close(1000, 'fuzz');
        }
        const body = await expectApiAnswer(res, context, r.method);
        if ('k' in r && res.status === 200) {
          // The fixture's 50 items are all eligible for these placements: a short answer is a bug.
          const answer = body as RecommendationResponse;
          expect(answer.items.length, context).toBe(r.k);
          expect(new Set(answer.items.map((i) => i.id)).size, context).toBe(r.k);
        }
        if ('catalogItem' in r) {
          const itemAfter = await readCanaryItem();
          if (res.status >= 400)
            expect(itemAfter, `refused (${res.status}) but the item changed: ${context}`).toBe(itemBefore);
          if (r.method === 'PUT' && res.status === 200 && r.catalogItem === CANARY_ITEM) {
            // Accepted: reads back as the store answered it (`item`), or as deleted (a late write).
            const answer = body as { item?: unknown; deleted?: boolean };
            if (answer.item) expect(JSON.parse(itemAfter), context).toEqual(answer.item);
          }
        }
        if ('siteKeyOf' in r && res.status >= 400) {
          expect(
            await siteState(r.siteKeyOf),
            `refused (${res.status}) but the site changed: ${context}`,
          ).toBe(siteBefore);
        }
        if ('retrains' in r && res.status >= 400) {
          expect(await retrainState(), `refused (${res.status}) but the records changed: ${context}`).toBe(
            retrainsBefore,
          );
        }
        if (path.includes(canary)) {
          const erased = res.status === 204 || (r.method === 'DELETE' && res.status === 200);
          const stored = await readSession(canary);
          if (erased) await plantCanary();
          else
            expect(stored?.events.length, `refused (${res.status}) but the canary changed: ${context}`).toBe(
              2,
            );
        }
      }),
      runsOf(0.75),
    );
    report('every route', cases, Date.now() - started);
    console.log(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    // The published model still serves: nothing the fuzzing sent replaced or broke it.
    const active = await send('/v1/admin/models/active', {
      headers: { Authorization: 'Bearer test-admin-token' },
    });
    expect(((await active.json()) as { version: string }).version).toBe(VERSION);
  },
  FUZZ_TIMEOUT_MS,
);

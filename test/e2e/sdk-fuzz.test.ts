/**
 * Fuzz of the SDK's public API in a real Chromium against the real Worker: every method of
 * `window.rec` called with generated hostile arguments (see sdk-fuzz-args.ts). Properties: nothing
 * escapes into the page (no exception, no rejected promise, no `pageerror`, `rec` and
 * `Object.prototype` intact), every body sent to `/v1/events` passes the edge's own schema, and the
 * edge answers the SDK nothing but 2xx. Seeded: `SDK_FUZZ_SEED=… SDK_FUZZ_RUNS=…` replays a run.
 */
import fc from 'fast-check';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseEventBatch } from '../../contracts/schema/events.ts';
import { requestsReported } from '../support/observe.ts';
import { type Call, call, runCalls } from '../support/sdk-fuzz-args.ts';
import { sdkLoaded } from '../support/sdk-page.ts';
import type { Shop } from '../support/sdk-shop.ts';
import { sharedShop } from '../support/use-shared.ts';

const SEED = Number(process.env.SDK_FUZZ_SEED || Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.SDK_FUZZ_RUNS || 200);
/** Page settings the runs cycle through (a new context every RUNS_PER_PAGE runs). */
const PAGES = [
  { consent: 'opt-out', batchSize: '5', flushMs: '50', vitals: 'off' },
  { consent: 'opt-in', batchSize: '1', flushMs: '0', vitals: 'off' },
  { consent: 'opt-out', batchSize: '100', flushMs: '1000', vitals: 'off' },
];
const RUNS_PER_PAGE = 20;
/** What the fuzz found (fixed in the SDK), replayed first on every run. */
const FOUND: [Call[]][] = [
  // extend('__proto__') passed the core-method guard and replaced rec's prototype.
  [[['extend', ['__proto__', { $h: 'function' }], false]]],
  [[['extend', ['constructor', { $h: 'throwingFunction' }], true]]],
  // ready() let a throwing (or missing) callback become an unhandled rejection in the page.
  [[['ready', [{ $h: 'throwingFunction' }], false]]],
  [[['ready', ['not a function'], true]]],
];

let shop: Shop;
beforeAll(async () => {
  shop = await sharedShop();
});
afterAll(async () => {
  await shop?.stop();
});

/** Everything a page did that a property looks at. */
interface Seen {
  errors: string[];
  bodies: string[];
  answers: string[];
}

async function openPage(spec: Record<string, string>, seen: Seen) {
  const context = await shop.context({ data: spec });
  context.on('request', (r) => {
    if (new URL(r.url()).pathname === '/v1/events') seen.bodies.push(r.postData() ?? '');
  });
  context.on('response', (r) => {
    if (r.url().startsWith(`${shop.base}/v1/`) && r.status() >= 400)
      seen.answers.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => seen.errors.push(e.message));
  await page.goto(`${shop.base}/e2e/shop.html`);
  await sdkLoaded(page);
  return { context, page };
}

it(`never throws into the page and never sends what the edge refuses (seed ${SEED}, ${RUNS} runs)`, async () => {
  const seen: Seen = { errors: [], bodies: [], answers: [] };
  let open: { context: BrowserContext; page: Page } | undefined;
  let run = 0;
  let checked = 0;
  const start = Date.now();
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 12 }), async (calls) => {
        if (!open || run % RUNS_PER_PAGE === 0) {
          await open?.context.close();
          open = await openPage(PAGES[(run / RUNS_PER_PAGE) % PAGES.length]!, seen);
        }
        run++;
        const { page } = open;
        const report = await page.evaluate(runCalls, JSON.stringify(calls));
        await page.evaluate(() => (globalThis as unknown as { rec: { flush(): Promise<void> } }).rec.flush());
        await requestsReported(page);
        const problems = [...report.thrown, ...report.rejected, ...report.damaged, ...seen.errors];
        if (problems.length) throw new Error(`escaped into the page: ${problems.join('; ')}`);
        for (const body of seen.bodies.slice(checked)) {
          const parsed = parseEventBatch(JSON.parse(body));
          expect(parsed.ok ? 'valid' : `${JSON.stringify(parsed.error)} in ${body.slice(0, 500)}`).toBe(
            'valid',
          );
        }
        checked = seen.bodies.length;
        expect(seen.answers).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true, examples: FOUND },
    );
  } catch (error) {
    throw new Error(
      `SDK fuzz failed; replay with SDK_FUZZ_SEED=${SEED} SDK_FUZZ_RUNS=${RUNS}\n${String((error as Error).cause ?? '')}\n${String(error)}`,
    );
  } finally {
    await open?.context.close().catch(() => {});
  }
  // A run that sent nothing would prove little: the typed calls must get real events through.
  expect(seen.bodies.length).toBeGreaterThan(0);
  console.log(JSON.stringify({ seed: SEED, runs: RUNS, bodies: seen.bodies.length, ms: Date.now() - start }));
}, 120_000);

/**
 * The demo model on a running storefront, for browser tests and benches: the demo catalogue sent
 * through the catalogue API, a model folder (the department prior by default) published through
 * publish-model's own code path, plus other
 * shoppers' sessions so trending has items.
 */
import { ensurePriorModel } from '../../demo-site/scripts/demo-model.ts';
import { loadDemoCatalogue } from '../../demo-site/scripts/load-catalogue.ts';
import { seedTraffic } from '../../demo-site/scripts/seed-traffic.ts';
import { AdminClient } from '../../edge/scripts/publish/admin-client.ts';
import { publish } from '../../edge/scripts/publish-model.ts';
import { readManifest } from '../../model/src/export/model-folder.ts';
import type { LaunchOptions } from './launch-chromium.ts';
import { STOREFRONT_ADMIN_TOKEN, type Storefront, startStorefront } from './storefront.ts';

/**
 * Publish a model folder (default: the department prior) and post `sessions` generated sessions
 * (their views; with `shoppers`, also their widget impressions, clicks and orders); returns the
 * model version.
 */
export async function publishDemoModel(
  base: string,
  sessions = 60,
  dir = ensurePriorModel(),
  { shoppers = false }: { shoppers?: boolean } = {},
): Promise<string> {
  await loadDemoCatalogue(base, STOREFRONT_ADMIN_TOKEN);
  await publish(dir, new AdminClient(base, STOREFRONT_ADMIN_TOKEN), () => {}, 'demo');
  await seedTraffic(base, sessions, 'demo', 99, { shoppers });
  return readManifest(dir).version;
}

/** A storefront serving the demo model (without one the edge answers 503 and the slots stay empty). */
export async function startDemoStorefront(browserOptions?: LaunchOptions): Promise<Storefront> {
  const shop = await startStorefront(browserOptions);
  await publishDemoModel(shop.base);
  return shop;
}

/**
 * The demo storefront's entry: load the catalogue, draw the frame, route, ask for consent.
 * Plain TypeScript, bundled by esbuild into /shop.js.
 */
import { restoreCart } from './cart.ts';
import { listenForCatalogueChanges } from './catalogue-sync.ts';
import { restoreConsent, showConsentBanner } from './consent-banner.ts';
import { h } from './dom.ts';
import { siteFooter, siteHeader } from './header.ts';
import { startRecording } from './hood/recorder.ts';
import { cartPage } from './pages/cart.ts';
import { catalogueAdminPage } from './pages/catalogue-admin.ts';
import { categoryPage } from './pages/category.ts';
import { checkoutPage } from './pages/checkout.ts';
import { homePage } from './pages/home.ts';
import { hoodPage } from './pages/hood.ts';
import { notFoundPage } from './pages/not-found.ts';
import { productPage } from './pages/product.ts';
import { searchPage } from './pages/search.ts';
import { rec } from './rec.ts';
import { route, startRouter } from './router.ts';
import { loadStore } from './store.ts';

async function start(): Promise<void> {
  // The remembered consent goes to the SDK before any widget subscribes, so the cache and the
  // restored session are used from the first render.
  const decided = restoreConsent();
  restoreCart();
  startRecording();
  listenForCatalogueChanges();
  const main = h('main', { id: 'app' }, h('p', { class: 'muted' }, 'Loading the shop…'));
  document.body.prepend(siteHeader(), main, siteFooter());
  const store = await loadStore();
  route(/^\/$/, () => homePage(store));
  route(/^\/category$/, (_, q) => categoryPage(store, q.get('c') ?? '', q));
  route(/^\/product$/, (_, q) => productPage(store, q.get('id') ?? ''));
  route(/^\/cart$/, () => cartPage(store));
  route(/^\/checkout$/, () => checkoutPage(store));
  route(/^\/search$/, (_, q) => searchPage(store, q));
  route(/^\/under-the-hood$/, () => hoodPage(store));
  route(/^\/admin\/catalogue$/, catalogueAdminPage);
  route(/.*/, notFoundPage);
  startRouter(main, () => {
    try {
      rec()?.page?.();
    } catch {}
  });
  if (!decided) showConsentBanner();
}

start().catch((error: unknown) => {
  document.getElementById('app')?.replaceChildren(`The shop could not start: ${String(error)}`);
});

/**
 * Client-side routing with the History API: same-origin link clicks (including links inside
 * `<rec-widget>`'s shadow root) render the next page without a reload, so the session, the
 * cache and the on-device re-rank carry over from page to page. Every route is also a real file
 * (`/product` is product.html, a copy of index.html), so a reload or a shared link works with
 * plain static assets.
 */

/** Renders a page for the matched path parameters and query. */
export type Page = (params: string[], query: URLSearchParams) => Promise<Node> | Node;

const routes: [RegExp, Page][] = [];
/** Same-origin pages that are not the shop's (the owner's dashboard, dashboard/): never routed here. */
const OTHER_PAGES = ['/admin/'];
let renderInto: Element | undefined;
let onNavigate: ((path: string) => void) | undefined;

/** Register a page for a path pattern; capture groups become `params`. */
export function route(pattern: RegExp, page: Page): void {
  routes.push([pattern, page]);
}

/** Render the page for the current URL. */
export async function render(): Promise<void> {
  if (!renderInto) return;
  const { pathname, searchParams } = new URL(location.href);
  for (const [pattern, page] of routes) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    const node = await page(match.slice(1).map(decodeURIComponent), searchParams);
    renderInto.replaceChildren(node);
    const heading = renderInto.querySelector('h1');
    if (heading) {
      document.title = `${heading.textContent} · Marlow & Finch`;
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true }); // screen readers announce the new page
    }
    onNavigate?.(pathname);
    return;
  }
}

/** Go to a path (adds a history entry) and render it. */
export function navigate(path: string): void {
  history.pushState(null, '', path);
  scrollTo(0, 0);
  void render();
}

/** Start routing: render into `main`, intercept same-origin link clicks and history moves. */
export function startRouter(main: Element, navigated: (path: string) => void): void {
  renderInto = main;
  onNavigate = navigated;
  addEventListener('popstate', () => void render());
  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = e.composedPath().find((n): n is HTMLAnchorElement => n instanceof HTMLAnchorElement);
    if (!link?.href || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/v1/')) return;
    if (OTHER_PAGES.includes(url.pathname)) return; // another page of the Worker: a full load
    e.preventDefault();
    navigate(url.pathname + url.search);
  });
  void render();
}

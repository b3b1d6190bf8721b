/** The site header (brand, search, departments, cart count) and footer. */
import { categoryPath } from '../catalogue/catalogue.ts';
import { CATEGORIES } from '../catalogue/categories.ts';
import { cartCount, onCartChange } from './cart.ts';
import { showConsentBanner } from './consent-banner.ts';
import { h } from './dom.ts';
import { navigate } from './router.ts';

/** Build the header; the cart count follows the cart. */
export function siteHeader(): HTMLElement {
  const count = h('span', { class: 'count', 'data-cart-count': '' }, String(cartCount()));
  onCartChange(() => {
    count.textContent = String(cartCount());
  });
  const query = h('input', {
    type: 'search',
    name: 'q',
    placeholder: 'Search products',
    'aria-label': 'Search',
  });
  const search = h('form', { class: 'search', role: 'search', action: '/search' }, query);
  search.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate(`/search?q=${encodeURIComponent(query.value)}`);
  });
  return h(
    'header',
    { class: 'site-header' },
    h(
      'div',
      { class: 'bar' },
      h('a', { class: 'brand', href: '/' }, 'Marlow & Finch'),
      search,
      h('a', { class: 'hood-link', href: '/under-the-hood' }, 'Under the hood'),
      h('a', { class: 'cart-link', href: '/cart' }, 'Cart ', count),
    ),
    h(
      'nav',
      { class: 'departments-nav', 'aria-label': 'Departments' },
      CATEGORIES.map((c) => h('a', { href: categoryPath(c.slug) }, c.name)),
    ),
  );
}

/** Build the footer: the link that reopens the consent banner, the owner's catalogue panel and dashboard. */
export function siteFooter(): HTMLElement {
  return h(
    'footer',
    { class: 'site-footer' },
    h(
      'p',
      {},
      'Marlow & Finch is a demo storefront for edge-rec. Products, prices and images are generated.',
    ),
    h('button', { class: 'link', onclick: () => showConsentBanner() }, 'Privacy settings'),
    ' · ',
    h('a', { href: '/admin/catalogue' }, 'Catalogue panel (shop owner)'),
    ' · ',
    h('a', { href: '/admin/' }, 'Dashboard (shop owner)'),
  );
}

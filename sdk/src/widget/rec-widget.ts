/**
 * `<rec-widget>`: a list of recommended product cards that renders from the device cache at once
 * and updates live, tracking impressions and clicks with the answer's `recId`.
 * Plain HTMLElement (no framework) so `/rec-widget.js` stays under 5 KB gzip.
 */
import type { RecommendedItem } from '../../../contracts/recommendations.ts';
import { installInto } from '../recommend/install-into.ts';
import type { RecApi, RecHost, Recommendations } from '../recommend/types.ts';

// Cards keep one height whatever their data (images at a fixed ratio, titles two lines, price one)
// so the skeleton reserves exactly the space the answer fills: nothing on the page moves (CLS).
const STYLE =
  ':host{display:block}ul{list-style:none;margin:0;padding:0;display:grid;gap:var(--rec-gap,16px);' +
  'grid-template-columns:repeat(var(--rec-columns,auto-fill),minmax(var(--rec-card-min,140px),1fr))}' +
  'li{background:var(--rec-card-bg);border-radius:var(--rec-card-radius,8px);min-width:0}' +
  'a{color:inherit;text-decoration:none}img{width:100%;height:auto;display:block;border-radius:inherit;' +
  'aspect-ratio:var(--rec-image-ratio,1)}[part~=title]{display:-webkit-box;-webkit-box-orient:vertical;' +
  '-webkit-line-clamp:2;overflow:hidden;line-height:1.25;height:2.5em;margin:.4em 0}' +
  '[part~=price]{display:block;line-height:1.25;height:1.25em;color:var(--rec-accent);font-weight:600}' +
  '[data-skeleton]{background:var(--rec-skeleton-bg,#8881)}.ready [data-skeleton]{visibility:hidden}' +
  ':focus-visible{outline:var(--rec-focus-ring,2px solid #2563eb)}';

const DEFAULT_CARD =
  '<a part="link" data-field="url"><img part="image" data-field="image" alt="" loading="lazy">' +
  '<span part="title" data-field="title"></span><span part="price" data-field="price"></span></a>';

// Where this script was loaded from: the recommend extension is fetched from next to it.
const BASE = (document.currentScript as HTMLScriptElement | null)?.src || location.href;
let extension: HTMLScriptElement | undefined;
/**
 * Build-time constant (`sdk/bundles.ts`): true in `/rec-widgets.js`, which carries the extension, so
 * the widget installs it itself when it is missing instead of loading `rec-recommend.js`.
 */
declare const EXTENSION_INSIDE: boolean;

/** Dwell time a card must stay at least half visible before it counts as an impression. */
const IMPRESSION_MS = 1000;

/** A card and the item data it shows (its JSON, the score left out). */
type Card = HTMLLIElement & { _shown?: string };

// One formatter per currency: `toLocaleString` with options builds one per call, most of a new
// card's script time (bench/widget-render.ts `newItems`: 5.3 -> 1.9-2.2 ms for 24 cards, 2026-12-02).
const formats: Record<string, Intl.NumberFormat> = {};
function priceFormat(currency: string): Intl.NumberFormat {
  formats[currency] ??= new Intl.NumberFormat(undefined, { style: 'currency', currency });
  return formats[currency];
}

/** `http(s)` or same-origin URLs only: item data never becomes `javascript:` or `data:` links. */
function safeUrl(value: unknown): string | undefined {
  // Not `String(value)`: an item without an image would ask for `./undefined`.
  if (typeof value !== 'string') return;
  try {
    const url = new URL(value, location.href);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {} // not a URL: undefined
}

/**
 * Recommended products for a placement.
 *
 * Attributes: `placement` (default "home"), `k` (1-50, default 8), `item` (similar to this id),
 * `category` (filter), `label` (accessible name of the list), `currency` (default EUR).
 * Card markup comes from a `<template>` child; elements with `data-field="title|price|category|
 * image|url"` are filled with the item's data as text (images and links get validated URLs).
 *
 * @fires rec-render - cards were rendered; `detail` is the `Recommendations` answer shown.
 * @fires rec-click - a card was clicked; `detail` is `{ item, recId, position }`.
 * @fires rec-impression - a card counted as seen; `detail` is `{ item, recId, position }`.
 * @csspart list - the `<ul>` holding the cards
 * @csspart item - one card (`<li data-item-id>`)
 * @csspart link - the default card's link; `image`, `title`, `price` - its contents
 * @cssprop --rec-columns - grid column count (default auto-fill)
 * @cssprop --rec-card-min - smallest card width (default 140px)
 * @cssprop --rec-image-ratio - card image aspect ratio (default 1); --rec-skeleton-bg - placeholder cards
 * @cssprop --rec-gap - space between cards; --rec-card-bg, --rec-card-radius, --rec-accent, --rec-focus-ring
 */
export class RecWidget extends HTMLElement {
  static observedAttributes = ['placement', 'k', 'item', 'category', 'label'];

  private _list?: HTMLUListElement;
  private _recs?: Recommendations;
  private _unsubscribe?: () => void;
  private _key?: string;
  private _waiting?: boolean;
  private _observer?: IntersectionObserver;
  private _timers = new Map<Element, ReturnType<typeof setTimeout>>();
  private _visible = new Set<HTMLLIElement>();
  private _seen = new Set<string>();
  private _cards = new Map<string, HTMLLIElement>();
  private _skeletons: HTMLLIElement[] = [];

  /** The answer currently shown, if any. */
  get recommendations(): Recommendations | undefined {
    return this._recs;
  }

  /** Show an answer directly (for shops that fetch recommendations themselves). */
  set recommendations(recs: Recommendations | undefined) {
    this._recs = recs;
    this._render();
  }

  connectedCallback(): void {
    if (!this._list) {
      const root = this.attachShadow({ mode: 'open' });
      root.innerHTML = `<style>${STYLE}</style><slot name="heading"></slot><ul part="list" role="list"></ul>`;
      this._list = root.querySelector('ul')!;
      // Handler properties: the list is the widget's own, nothing else listens through them.
      this._list.onkeydown = (e) => this._onKeydown(e);
      this._list.onclick = (e) => this._onClick(e);
      this._render(); // the skeleton: the space of k cards, before any answer
    }
    this._label();
    this._observer = new IntersectionObserver((entries) => this._onIntersect(entries), { threshold: 0.5 });
    for (const card of this._cards.values()) this._observer.observe(card);
    this._subscribe();
  }

  disconnectedCallback(): void {
    this._unsubscribe?.();
    this._unsubscribe = undefined;
    this._observer?.disconnect();
    for (const card of this._cards.values()) this._disarm(card);
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.isConnected) return;
    if (name === 'label') this._label();
    else {
      if (name === 'k') this._render();
      this._subscribe();
    }
  }

  /** The list's accessible name: the `label` attribute, else a default. */
  private _label(): void {
    this._list?.setAttribute('aria-label', this.getAttribute('label') ?? 'Recommended products');
  }

  /** The `k` attribute, 1-50, default 8. */
  private _k(): number {
    return Math.min(50, Math.max(1, parseInt(this.getAttribute('k') ?? '', 10) || 8));
  }

  private _subscribe(): void {
    const rec = (window as { rec?: RecApi }).rec;
    const k = this._k();
    const item = this.getAttribute('item') || undefined;
    const category = this.getAttribute('category') || undefined;
    const request = {
      placement: this.getAttribute('placement') || 'home',
      k,
      item,
      filters: category ? { category } : undefined,
    };
    const key = JSON.stringify(request);
    // An upgrade reports every attribute before connecting: subscribe once per distinct request.
    if (key === this._key && this._unsubscribe) return;
    this._unsubscribe?.();
    this._unsubscribe = undefined;
    if (typeof rec?.subscribe !== 'function') {
      // Wait for rec.js (the stub queues `ready`), then for the recommend extension, which is
      // loaded from next to this file unless the page already did.
      if (!this._waiting && rec?.ready) {
        this._waiting = true;
        rec.ready((ready: RecApi) => {
          const go = () => {
            this._waiting = false;
            if (this.isConnected) this._subscribe();
          };
          if (EXTENSION_INSIDE) installInto(ready as unknown as RecHost);
          else if (!ready.subscribe && !extension) {
            extension = document.createElement('script');
            extension.src = new URL('rec-recommend.js', BASE).href;
            document.head.append(extension);
          }
          if (EXTENSION_INSIDE || ready.subscribe) go();
          else extension?.addEventListener('load', go);
        });
      }
      return;
    }
    this._key = key;
    this._unsubscribe = rec.subscribe(request, (recs) => {
      this.recommendations = recs;
    });
  }

  private _render(): void {
    const list = this._list;
    const recs = this._recs;
    if (!list) return;
    const focused = (this.shadowRoot!.activeElement?.closest('li') as HTMLElement | null)?.dataset.itemId;
    const items = recs?.items ?? [];
    const next = new Map<string, HTMLLIElement>();
    items.forEach((item, position) => {
      const card: Card = this._cards.get(item.id) ?? this._card();
      card.dataset.itemId = item.id;
      card.dataset.position = String(position);
      // A reused card showing the same data is left alone: a re-rank after a click mostly moves
      // the same items, and writing them again cost the click's task a few ms (3 widgets, 2026-12-02).
      const shown = JSON.stringify({ ...item, score: 0 });
      if (card._shown !== shown) this._fill(card, item);
      card._shown = shown;
      next.set(item.id, card);
      list.append(card); // moves a reused card into its new place
    });
    for (const [id, card] of this._cards) {
      if (!next.has(id)) {
        this._observer?.unobserve(card);
        this._disarm(card);
        card.remove();
      }
    }
    this._cards = next;
    // Positions without an item keep their skeleton card (shimmering until the first answer, then
    // invisible): the widget's height never changes with the number of items.
    const spare = Math.max(0, this._k() - items.length);
    while (this._skeletons.length < spare) this._skeletons.push(this._skeleton());
    for (const [i, card] of this._skeletons.entries()) {
      if (i < spare) list.append(card);
      else card.remove();
    }
    list.classList.toggle('ready', !!recs);
    this._rove(
      next.get(focused ?? '') ?? next.values().next().value,
      focused !== undefined && next.has(focused),
    );
    for (const card of this._visible) this._arm(card); // a new answer on screen earns new impressions
    this.toggleAttribute('empty', !items.length);
    if (recs) this.dispatchEvent(new CustomEvent('rec-render', { detail: recs }));
  }

  /** A new card from the shop's `<template>` child, or the default markup. */
  private _card(skeleton?: boolean): HTMLLIElement {
    const card = document.createElement('li');
    card.setAttribute('part', 'item');
    const template = this.querySelector(':scope > template') as HTMLTemplateElement | null;
    if (template) card.append(template.content.cloneNode(true));
    else card.innerHTML = DEFAULT_CARD; // static markup, no item data
    if (!skeleton) this._observer?.observe(card);
    return card;
  }

  /** A placeholder card: the same markup, each text field one blank line, hidden from assistive tech. */
  private _skeleton(): HTMLLIElement {
    const card = this._card(true);
    card.dataset.skeleton = '';
    card.setAttribute('aria-hidden', 'true');
    for (const el of card.querySelectorAll('[data-field]'))
      if (!el.children.length && el.localName !== 'img') el.textContent = '\u00a0';
    return card;
  }

  /** Put the item's data into the card's `data-field` elements, as text only. */
  private _fill(card: HTMLLIElement, item: RecommendedItem): void {
    card.toggleAttribute('data-out-of-stock', item.inStock === false);
    for (const el of card.querySelectorAll<HTMLElement>('[data-field]')) {
      const field = el.dataset.field!;
      const value = (item as unknown as Record<string, unknown>)[field];
      // The attribute a link's `url` or an image's `image` goes to: a validated URL or none.
      const attr =
        (field === 'url' && el instanceof HTMLAnchorElement && 'href') ||
        (field === 'image' && el instanceof HTMLImageElement && 'src');
      if (attr) {
        const url = safeUrl(value);
        if (url) el.setAttribute(attr, url);
        else el.removeAttribute(attr);
        if (attr === 'src') (el as HTMLImageElement).alt = item.title ?? '';
      } else
        el.textContent =
          field === 'price'
            ? typeof value === 'number'
              ? priceFormat(this.getAttribute('currency') || 'EUR').format(value)
              : ''
            : (value as string | null); // null and undefined give '' (textContent is nullable)
    }
  }

  /** The element inside a card that takes focus: its first link or button, else the card. */
  private _target(card: Element): HTMLElement {
    return card.querySelector<HTMLElement>('a[href],button') ?? (card as HTMLElement);
  }

  /** Roving tabindex: one card is in the tab order; arrow keys move between cards. */
  private _rove(card: Element | null | undefined, focus: boolean): void {
    for (const c of this._cards.values()) this._target(c).tabIndex = -1;
    if (!card) return;
    const target = this._target(card);
    target.tabIndex = 0;
    if (focus) target.focus();
  }

  private _onKeydown(e: KeyboardEvent): void {
    const cards = [...this._cards.values()];
    const current = cards.indexOf((e.target as Element).closest('li') as HTMLLIElement);
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowDown: current + 1,
      ArrowLeft: current - 1,
      ArrowUp: current - 1,
      Home: 0,
      End: cards.length - 1,
    };
    const to = moves[e.key];
    if (to === undefined || current < 0 || !cards[to]) return;
    e.preventDefault();
    this._rove(cards[to], true);
  }

  private _onClick(e: MouseEvent): void {
    const card = (e.target as Element).closest('li');
    const id = card?.dataset.itemId;
    if (id && this._recs) this._track('rec_click', id, Number(card.dataset.position));
  }

  private _onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const card = entry.target as HTMLLIElement;
      if (entry.intersectionRatio >= 0.5) {
        this._visible.add(card);
        this._arm(card);
      } else this._disarm(card);
    }
  }

  /** The card is off screen (or gone): no impression until it is seen again. */
  private _disarm(card: HTMLLIElement): void {
    this._visible.delete(card);
    clearTimeout(this._timers.get(card));
    this._timers.delete(card);
  }

  /** Count an impression once the card has stayed half visible for a second (once per answer). */
  private _arm(card: HTMLLIElement): void {
    if (this._timers.has(card)) return;
    this._timers.set(
      card,
      setTimeout(() => {
        this._timers.delete(card);
        const id = card.dataset.itemId;
        const recId = this._recs?.recId;
        const seen = `${recId} ${id}`;
        if (!id || !recId || !this._visible.has(card) || this._seen.has(seen)) return;
        if (document.hidden) return this._arm(card); // wait for the tab to show
        this._seen.add(seen);
        this._track('impression', id, Number(card.dataset.position));
      }, IMPRESSION_MS),
    );
  }

  /** Send the event through the SDK queue and tell the page (`rec-click` / `rec-impression`). */
  private _track(type: 'impression' | 'rec_click', id: string, position: number): void {
    const recs = this._recs!;
    const item = recs.items.find((i) => i.id === id);
    const detail = { item, recId: recs.recId, position };
    this.dispatchEvent(new CustomEvent(type === 'rec_click' ? 'rec-click' : 'rec-impression', { detail }));
    try {
      (window as { rec?: RecApi }).rec?.track(type, {
        product_id: id,
        recId: recs.recId,
        placement: recs.placement,
        position,
        variant: recs.variant || undefined, // dropped with the props' JSON when absent
      });
    } catch {} // never throw into the host page
  }
}

if (!customElements.get('rec-widget')) customElements.define('rec-widget', RecWidget);

declare global {
  interface HTMLElementTagNameMap {
    'rec-widget': RecWidget;
  }
}

/**
 * Shared pieces of the storefront's pages: product cards and grids, and recommendation slots
 * (`<rec-widget>` with a heading).
 */

// The widget's tag in HTMLElementTagNameMap (the element itself is loaded by the page's script tag).
import type {} from '../../../sdk/src/widget/rec-widget.ts';
import { imagePath, type Product, productPath } from '../catalogue/catalogue.ts';
import { h, money } from './dom.ts';

/** A product card linking to its page. */
export function productCard(p: Product): HTMLElement {
  return h(
    'li',
    { class: 'card', 'data-product-id': p.id },
    h(
      'a',
      { href: productPath(p.id) },
      h('img', { src: imagePath(p), alt: '', width: 160, height: 160, loading: 'lazy' }),
      h('span', { class: 'card-title' }, p.title),
      h('span', { class: 'card-price' }, money(p.price)),
      p.stock === 0 ? h('span', { class: 'badge' }, 'Sold out') : null,
    ),
  );
}

/** A list of product cards. */
export function productGrid(products: Product[], label: string): HTMLElement {
  return h('ul', { class: 'grid', 'aria-label': label }, products.map(productCard));
}

/** What a recommendation slot asks for. */
export interface SlotOptions {
  placement: 'home' | 'product' | 'cart' | 'trending';
  k: number;
  item?: string;
  category?: string;
  /** Shop markup for the cards (a `<template>` child of the widget). */
  template?: string;
}

/** A titled `<rec-widget>` slot. */
export function recSlot(title: string, options: SlotOptions): HTMLElement {
  const widget = h('rec-widget', {
    placement: options.placement,
    k: options.k,
    item: options.item,
    category: options.category,
    label: title,
  });
  if (options.template) {
    const template = document.createElement('template');
    template.innerHTML = options.template; // static shop markup from this file, never item data
    widget.append(template);
  }
  return h('section', { class: 'rec-slot', 'data-placement': options.placement }, h('h2', {}, title), widget);
}

/** The card markup of the product page's "similar items" slot: shows the widget's `<template>` support. */
export const COMPACT_CARD_TEMPLATE =
  '<a data-field="url" part="link compact"><img data-field="image" part="image" alt="" width="96" height="96" ' +
  'loading="lazy"><span data-field="title" part="title"></span><span data-field="price" part="price"></span></a>';

/**
 * The shopping cart: product id -> quantity, with listeners. Kept in memory; saved to
 * localStorage only after the visitor has accepted storage in the consent banner, so a visitor
 * who declines leaves nothing on the device.
 */
import { consentChoice, onConsentChoice } from './consent-banner.ts';

const KEY = 'shop-cart';
const lines = new Map<string, number>();
const listeners = new Set<() => void>();

function allowed(): boolean {
  const c = consentChoice();
  return !!c && (c.analytics || c.personalization);
}

function save(): void {
  try {
    if (allowed()) localStorage.setItem(KEY, JSON.stringify([...lines]));
    else localStorage.removeItem(KEY);
  } catch {}
  for (const fn of listeners) fn();
}

/** Restore a saved cart (only exists if the visitor consented earlier). */
export function restoreCart(): void {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(saved)) return;
    for (const entry of saved) {
      if (
        Array.isArray(entry) &&
        typeof entry[0] === 'string' &&
        Number.isInteger(entry[1]) &&
        entry[1] > 0
      ) {
        lines.set(entry[0], entry[1]);
      }
    }
  } catch {}
}

/** Cart lines as `[productId, quantity]`. */
export function cartLines(): [string, number][] {
  return [...lines];
}

/** Number of units in the cart. */
export function cartCount(): number {
  let n = 0;
  for (const q of lines.values()) n += q;
  return n;
}

/** Set a line's quantity; 0 removes it. */
export function setQuantity(id: string, quantity: number): void {
  if (quantity > 0) lines.set(id, Math.min(99, Math.floor(quantity)));
  else lines.delete(id);
  save();
}

/** Add units of a product. */
export function addToCart(id: string, quantity = 1): void {
  setQuantity(id, (lines.get(id) ?? 0) + quantity);
}

/** Empty the cart (after an order). */
export function clearCart(): void {
  lines.clear();
  save();
}

// Save (or forget) the cart whenever the visitor makes a choice.
onConsentChoice(() => save());

/** Call `fn` after every cart change; returns an unsubscribe function. */
export function onCartChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/**
 * The consent banner, built on the SDK's consent API (`rec.consent({ analytics, personalization })`).
 * Like any consent tool it remembers a *granted* choice (localStorage) and hands it to the SDK on
 * every page load; a refusal is not stored, so a visitor who declines leaves nothing on the device
 * and sees the banner again on the next full load. A footer link reopens it.
 */
import { h } from './dom.ts';
import { type ConsentState, rec } from './rec.ts';

const KEY = 'shop-consent';
let current: ConsentState | undefined;
const listeners = new Set<(c: ConsentState) => void>();

/** The visitor's choice in this page (restored or made), or undefined before they chose. */
export function consentChoice(): ConsentState | undefined {
  return current;
}

/** Call `fn` after each choice. */
export function onConsentChoice(fn: (c: ConsentState) => void): void {
  listeners.add(fn);
}

function apply(choice: ConsentState, remember: boolean): void {
  current = choice;
  try {
    if (remember && (choice.analytics || choice.personalization))
      localStorage.setItem(KEY, JSON.stringify(choice));
    else localStorage.removeItem(KEY);
  } catch {}
  try {
    rec()?.consent({ analytics: choice.analytics, personalization: choice.personalization });
  } catch {}
  for (const fn of listeners) fn(choice);
}

/** Hand a remembered choice to the SDK before anything else runs; true when there was one. */
export function restoreConsent(): boolean {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (saved && typeof saved.analytics === 'boolean' && typeof saved.personalization === 'boolean') {
      apply({ analytics: saved.analytics, personalization: saved.personalization }, true);
      return true;
    }
  } catch {}
  return false;
}

/** Show the banner (again). */
export function showConsentBanner(): void {
  document.getElementById('consent')?.remove();
  const was = current ?? { analytics: false, personalization: false };
  const analytics = h('input', { type: 'checkbox', name: 'analytics', checked: was.analytics });
  const personalization = h('input', {
    type: 'checkbox',
    name: 'personalization',
    checked: was.personalization,
  });
  const choose = (choice: ConsentState) => () => {
    apply(choice, true);
    banner.remove();
  };
  const banner: HTMLElement = h(
    'section',
    { id: 'consent', class: 'consent', role: 'dialog', 'aria-labelledby': 'consent-title' },
    h('h2', { id: 'consent-title' }, 'Your privacy'),
    h(
      'p',
      {},
      'We would like to remember what you look at to recommend products for you (personalization) and to ' +
        'measure how the shop is used (analytics). Without your consent nothing is stored on your device, ' +
        'nothing about your visit is sent, and recommendations only use the page you are on.',
    ),
    h(
      'details',
      {},
      h('summary', {}, 'Choose'),
      h('label', {}, analytics, ' Analytics'),
      h('label', {}, personalization, ' Personalization'),
      h('button', { 'data-consent': 'save' }, 'Save choice'),
    ),
    h(
      'div',
      { class: 'consent-actions' },
      h(
        'button',
        { 'data-consent': 'deny', onclick: choose({ analytics: false, personalization: false }) },
        'Only necessary',
      ),
      h(
        'button',
        {
          class: 'primary',
          'data-consent': 'accept',
          onclick: choose({ analytics: true, personalization: true }),
        },
        'Accept all',
      ),
    ),
  );
  banner
    .querySelector('[data-consent=save]')!
    .addEventListener('click', () =>
      choose({ analytics: analytics.checked, personalization: personalization.checked })(),
    );
  document.body.append(banner);
}

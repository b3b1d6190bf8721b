/**
 * The consent banner, built on the SDK's consent API: nothing is stored or sent until the visitor
 * chooses (the SDK's default opt-in mode). A refusal is not stored either, so the banner comes
 * back on the next full page load; a footer link reopens it at any time.
 */
import { onConsentChanged } from './cart.ts';
import { h } from './dom.ts';
import { type ConsentState, currentConsent, rec } from './rec.ts';

let decidedThisPage = false;

function choose(choice: ConsentState, banner: HTMLElement): void {
  decidedThisPage = true;
  try {
    rec()?.consent(choice);
  } catch {}
  onConsentChanged();
  banner.remove();
  document.dispatchEvent(new CustomEvent('shop-consent', { detail: choice }));
}

/** Show the banner (again); `force` shows it even when consent was already given. */
export function showConsentBanner(force = false): void {
  const current = currentConsent();
  if (!force && (decidedThisPage || current.analytics || current.personalization)) return;
  document.getElementById('consent')?.remove();
  const analytics = h('input', { type: 'checkbox', name: 'analytics', checked: current.analytics });
  const personalization = h('input', {
    type: 'checkbox',
    name: 'personalization',
    checked: current.personalization,
  });
  const banner: HTMLElement = h(
    'section',
    {
      id: 'consent',
      class: 'consent',
      role: 'dialog',
      'aria-labelledby': 'consent-title',
      'aria-live': 'polite',
    },
    h('h2', { id: 'consent-title' }, 'Your privacy'),
    h(
      'p',
      {},
      'We would like to remember what you look at to recommend products for you (personalization) and to ' +
        'measure how the shop is used (analytics). Without your consent nothing is stored on your device and ' +
        'recommendations only use the page you are on.',
    ),
    h(
      'details',
      {},
      h('summary', {}, 'Choose'),
      h('label', {}, analytics, ' Analytics'),
      h('label', {}, personalization, ' Personalization'),
      h(
        'button',
        {
          'data-consent': 'save',
          onclick: () =>
            choose({ analytics: analytics.checked, personalization: personalization.checked }, banner),
        },
        'Save choice',
      ),
    ),
    h(
      'div',
      { class: 'consent-actions' },
      h(
        'button',
        {
          'data-consent': 'deny',
          onclick: () => choose({ analytics: false, personalization: false }, banner),
        },
        'Only necessary',
      ),
      h(
        'button',
        {
          class: 'primary',
          'data-consent': 'accept',
          onclick: () => choose({ analytics: true, personalization: true }, banner),
        },
        'Accept all',
      ),
    ),
  );
  document.body.append(banner);
}

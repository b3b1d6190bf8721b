/**
 * The consent-adapters chunk (`rec-consent.<hash>.js`), loaded by rec.js only when the page has a
 * CMP (`__tcfapi`) or a `dataLayer`: it follows the IAB TCF CMP and the Consent Mode commands and
 * passes every decision to `rec.consent`. The core holds events until this chunk has run (or failed
 * to load), so a CMP's choice still comes before anything is sent or stored.
 */
import { listenConsentMode } from './consent-gcm.ts';
import { listenTcf } from './consent-tcf.ts';
import { safe } from './safe.ts';
import type { Rec } from './types.ts';

const apply = (window as unknown as { rec?: Rec }).rec?.consent;
if (apply) {
  safe(listenTcf)(window, apply);
  safe(listenConsentMode)(window, apply);
}

/**
 * Google Consent Mode v2 adapter: reads `gtag('consent', 'default' | 'update', {...})` commands
 * from `dataLayer`, those already there and those pushed later.
 * analytics_storage → analytics; personalization_storage → personalization (ad_* signals are
 * about advertising and are not read).
 */
import { safe } from './safe.ts';
import type { ConsentInput } from './types.ts';

type Command = ArrayLike<unknown> | null | undefined;

/** The consent a dataLayer entry grants, or undefined when it is not a consent command. */
export function fromConsentCommand(entry: Command): ConsentInput | undefined {
  if (!entry || entry[0] !== 'consent' || (entry[1] !== 'default' && entry[1] !== 'update')) return undefined;
  const o = entry[2] as Record<string, unknown> | null;
  if (!o || typeof o !== 'object') return undefined;
  const read = (key: string) => (o[key] === undefined ? undefined : o[key] === 'granted');
  const input = { analytics: read('analytics_storage'), personalization: read('personalization_storage') };
  return input.analytics === undefined && input.personalization === undefined ? undefined : input;
}

/** Replay the consent commands in `dataLayer` and watch `dataLayer.push` for new ones. */
export function listenConsentMode(w: Window, apply: (input: ConsentInput) => void): void {
  const layer = (w as Window & { dataLayer?: Command[] }).dataLayer;
  if (!Array.isArray(layer)) return;
  const read = safe((entry: Command) => {
    const input = fromConsentCommand(entry);
    if (input) apply(input);
  });
  layer.forEach(read);
  const push = layer.push;
  layer.push = function (this: Command[], ...entries: Command[]) {
    entries.forEach(read);
    return push.apply(this, entries);
  };
}

/**
 * The catalogue panel tells the storefront's other tabs that the catalogue changed, with a
 * BroadcastChannel (same origin, same browser profile: the demo's "other open tabs"), and each tab
 * refreshes its widgets. A shop whose owner edits from another device would need the edge to push
 * new answers after catalogue writes; see demo-site/README.md.
 */
import { refreshWidgets } from './refresh-widgets.ts';

const CHANNEL = 'marlow-catalogue';

/** What the panel says after an acknowledged write. */
interface CatalogueChanged {
  type: 'catalogue-changed';
  ids: string[];
}

let channel: BroadcastChannel | undefined;
const open = () => {
  if (!channel && typeof BroadcastChannel === 'function') channel = new BroadcastChannel(CHANNEL);
  return channel;
};

/** After a write the API acknowledged: refresh this page's widgets and tell the other tabs to. */
export function announceCatalogueChange(ids: string[]): void {
  refreshWidgets();
  try {
    open()?.postMessage({ type: 'catalogue-changed', ids } satisfies CatalogueChanged);
  } catch {}
}

/** In every storefront tab: refresh the widgets when the panel (in another tab) says so. */
export function listenForCatalogueChanges(): void {
  const c = open();
  if (!c) return;
  c.onmessage = (e: MessageEvent<unknown>) => {
    const msg = e.data as Partial<CatalogueChanged> | null;
    if (msg?.type === 'catalogue-changed') refreshWidgets();
  };
}

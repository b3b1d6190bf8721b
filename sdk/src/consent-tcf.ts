/**
 * IAB TCF v2.2 adapter: follows `__tcfapi('addEventListener', 2, …)` when a CMP is on the page.
 * Purpose 1 (store on a device) → storage; 5 + 6 (personalised content) → personalization;
 * 8 + 10 (measure content, improve services — the event log trains the model) → analytics.
 */
import type { ConsentInput } from './types.ts';

/** The parts of a TCData object the adapter reads. */
export interface TcData {
  gdprApplies?: boolean;
  eventStatus?: string;
  purpose?: { consents?: Record<string, boolean | undefined> };
}

type TcfApi = (
  command: string,
  version: number,
  callback: (tcData: TcData, success: boolean) => void,
) => void;

/** The consent a TCData object grants, or undefined when it says nothing yet (or GDPR does not apply). */
export function fromTcData(tc: TcData | null | undefined): ConsentInput | undefined {
  if (!tc || tc.gdprApplies === false) return undefined;
  if (tc.eventStatus !== 'tcloaded' && tc.eventStatus !== 'useractioncomplete') return undefined;
  const p = tc.purpose?.consents || {};
  return { storage: !!p[1], personalization: !!(p[5] && p[6]), analytics: !!(p[8] && p[10]) };
}

/** Listen to the page's CMP, if it has one, and pass every decision to `apply`. */
export function listenTcf(w: Window, apply: (input: ConsentInput) => void): void {
  const api = (w as Window & { __tcfapi?: TcfApi }).__tcfapi;
  if (typeof api !== 'function') return;
  api('addEventListener', 2, (tc, success) => {
    const input = success ? fromTcData(tc) : undefined;
    if (input) apply(input);
  });
}

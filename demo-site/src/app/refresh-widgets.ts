/**
 * Make every `<rec-widget>` on the page ask the edge again, e.g. after the catalogue changed (the
 * edge pushes new answers after a visitor's own events, not after a catalogue write). Re-attaching a
 * widget makes it subscribe anew; its cards stay in place until the new answer replaces them.
 */
// The widget's tag in HTMLElementTagNameMap.
import type {} from '../../../sdk/src/widget/rec-widget.ts';

/**
 * A new subscriber is handed the answer the SDK holds without a request when that answer is younger
 * than this (`REUSE_MS` in sdk/src/recommend/recommender.ts): wait past it so the edge is asked.
 */
const SDK_REUSE_MS = 2000;
const MARGIN_MS = 50;

/** Re-subscribe every widget under `root` so each shows an answer computed from now on. */
export function refreshWidgets(root: ParentNode = document): void {
  for (const widget of root.querySelectorAll('rec-widget')) {
    const age = Date.now() - (widget.recommendations?.fetchedAt ?? 0);
    setTimeout(() => reattach(widget), Math.max(0, SDK_REUSE_MS + MARGIN_MS - age));
  }
}

function reattach(widget: HTMLElement): void {
  const parent = widget.parentNode;
  if (!parent) return; // the visitor went to another page meanwhile
  const next = widget.nextSibling;
  widget.remove(); // disconnectedCallback: unsubscribe (and close its push socket)
  parent.insertBefore(widget, next); // connectedCallback: subscribe again
}

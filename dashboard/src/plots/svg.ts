/**
 * A tiny SVG-as-text builder for the dashboard's plots: pure (no DOM), so the plots are unit-tested
 * in Node. Every attribute value and text is escaped: placement and variant names come from the
 * shop's configuration and must never become markup.
 */

/** Escape text for an XML text node or a double-quoted attribute value. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Attribute values: numbers are rounded to 0.1 so the markup stays small and stable. */
export type SvgAttrs = Record<string, string | number | undefined>;

const value = (v: string | number) => (typeof v === 'number' ? String(Math.round(v * 10) / 10) : v);

/** One element as text; children are already-built markup (from `el`) or escaped `text()`. */
export function el(tag: string, attrs: SvgAttrs = {}, ...children: string[]): string {
  let open = `<${tag}`;
  for (const [name, v] of Object.entries(attrs)) {
    if (v !== undefined) open += ` ${name}="${escapeXml(value(v))}"`;
  }
  return children.length ? `${open}>${children.join('')}</${tag}>` : `${open}/>`;
}

/** Text content, escaped. */
export const text = (s: string | number): string => escapeXml(String(s));

/**
 * The root of a chart: scales with its container (viewBox), `role="img"` with a title naming what
 * it shows; the numbers themselves are in the table beside every chart (screen readers, keyboards).
 */
export function chartRoot(width: number, height: number, title: string, ...children: string[]): string {
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': title,
      class: 'chart',
      preserveAspectRatio: 'xMidYMid meet',
    },
    el('title', {}, text(title)),
    ...children,
  );
}

/**
 * The web-vitals chunk (`rec-vitals.<hash>.js`), loaded by rec.js when the page is idle: reports
 * LCP, INP, CLS, FCP and TTFB as `web_vital` events through the same queue.
 */
import { type Metric, onCLS, onFCP, onINP, onLCP, onTTFB } from 'web-vitals';
import type { Rec } from './types.ts';

const report = ({ name, value, rating, delta, id, navigationType }: Metric) =>
  (window as unknown as { rec?: Rec }).rec?.track('web_vital', {
    name,
    value,
    rating,
    delta,
    id,
    navigationType,
  });

// web-vitals 6's CLS and INP code calls `Array.prototype.at` (Chrome 92, Safari 15.4): in Chrome
// 80-91, which have layout-shift and event timing, it would throw inside their observers.
const at = typeof [].at === 'function';
for (const on of at ? [onCLS, onFCP, onINP, onLCP, onTTFB] : [onFCP, onLCP, onTTFB]) on(report);

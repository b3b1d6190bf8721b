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

for (const on of [onCLS, onFCP, onINP, onLCP, onTTFB]) on(report);

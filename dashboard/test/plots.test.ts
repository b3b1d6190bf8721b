import { describe, expect, it } from 'vitest';
import { funnelChart, stepShares } from '../src/plots/funnel.ts';
import { intervalBars } from '../src/plots/interval-bars.ts';
import { linear, niceTicks, timeTicks } from '../src/plots/scale.ts';
import { el, escapeXml } from '../src/plots/svg.ts';
import { runsOf, timeSeriesChart } from '../src/plots/time-series.ts';

const HOUR = 3_600_000;
const FROM = Date.UTC(2026, 11, 1, 0);
/** The text nodes of an SVG string, in order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('svg text', () => {
  it('escapes every text and attribute, so names from a shop’s config never become markup', () => {
    expect(escapeXml(`<b a="1">'&'</b>`)).toBe('&#60;b a=&#34;1&#34;&#62;&#39;&#38;&#39;&#60;/b&#62;');
    expect(el('text', { class: '"><script>' }, escapeXml('<img onerror=x>'))).toBe(
      '<text class="&#34;&#62;&#60;script&#62;">&#60;img onerror=x&#62;</text>',
    );
    const chart = intervalBars({
      title: '<t>',
      rows: [{ label: '<script>', value: 1, low: 0, high: 2 }],
      format: String,
    });
    expect(chart).not.toContain('<script>');
    expect(chart).not.toContain('<t>');
  });
});

describe('scales', () => {
  it('give round ticks from 0 to at least the largest value', () => {
    expect(niceTicks(43)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(0.057)).toEqual([0, 0.02, 0.04, 0.06]);
    expect(niceTicks(4_000)).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
    expect(niceTicks(0)).toEqual([0, 0.5, 1]);
  });

  it('map linearly, and a zero-width domain to the start', () => {
    expect(linear(0, 10, 100, 200)(5)).toBe(150);
    expect(linear(3, 3, 7, 9)(3)).toBe(7);
  });

  it('put time ticks on whole hours, or days for a week', () => {
    expect(timeTicks(FROM, FROM + 24 * HOUR, 6)).toEqual([0, 6, 12, 18, 24].map((h) => FROM + h * HOUR));
    const week = timeTicks(FROM, FROM + 7 * 24 * HOUR, 6);
    expect(week.length).toBeLessThanOrEqual(6);
    expect(week.every((t) => t % (24 * HOUR) === 0)).toBe(true);
  });
});

describe('time series chart', () => {
  const series = [
    { label: 'p50', points: [0, 1, 2, 3].map((h) => ({ t: FROM + h * HOUR, v: h === 2 ? null : 5 + h })) },
  ];
  const svg = timeSeriesChart({
    title: 'Latency',
    from: FROM,
    to: FROM + 4 * HOUR,
    series,
    formatY: (v) => `${v} ms`,
    bucketMs: HOUR,
    timeZone: 'UTC',
    width: 400,
  });

  it('breaks the line where a bucket has no data, and marks a lone point', () => {
    expect(runsOf(series[0]!.points).map((r) => r.length)).toEqual([2, 1]);
    expect(svg.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(1);
  });

  it('labels both axes and names itself for assistive technology', () => {
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="Latency"/);
    expect(svg).toContain('viewBox="0 0 400 180"');
    expect(texts(svg)).toEqual(expect.arrayContaining(['0 ms', '8 ms', '00:00', '02:00']));
  });

  it('draws points at the middle of their hour', () => {
    // x runs from 52 (from) to 388 (to): the first hour's middle is 1/8 of the way.
    expect(svg).toContain('M94 ');
  });

  it('says so when there is nothing to draw', () => {
    const empty = timeSeriesChart({ title: 'x', from: FROM, to: FROM + HOUR, series: [], formatY: String });
    expect(texts(empty)).toContain('No data in this range');
  });
});

describe('interval bars', () => {
  const rows = [
    { label: 'control', value: 0.04, low: 0.032, high: 0.05 },
    { label: 'diverse', value: 0.06, low: 0.05, high: 0.071 },
  ];
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  const svg = intervalBars({ title: 'CTR', rows, format: pct, width: 360 });

  it('prints each estimate and its interval', () => {
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['control: 4.0 %', '3.2 % – 5.0 %', 'diverse: 6.0 %', '5.0 % – 7.1 %']),
    );
  });

  it('draws the bar to the estimate and the whisker across the interval, on one axis from 0', () => {
    const bars = [...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(bars[1]! / bars[0]!).toBeCloseTo(1.5, 1);
    const whiskers = [...svg.matchAll(/<line class="whisker" x1="([\d.]+)" x2="([\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(whiskers).toHaveLength(6);
    expect(whiskers[0]![0]).toBeLessThan(8 + bars[0]!);
    expect(whiskers[0]![1]).toBeGreaterThan(8 + bars[0]!);
  });
});

describe('funnel', () => {
  const stages = [
    { label: 'Impressions', value: 4000 },
    { label: 'Clicks', value: 200 },
    { label: 'Orders', value: 0 },
  ];

  it('labels each stage with its share of the one before', () => {
    expect(stepShares(stages)).toEqual([undefined, 0.05, 0]);
    expect(
      stepShares([
        { label: 'a', value: 0 },
        { label: 'b', value: 0 },
      ]),
    ).toEqual([undefined, undefined]);
    const svg = funnelChart({
      title: 'f',
      stages,
      formatCount: String,
      formatShare: (s) => `${s * 100} %`,
      width: 300,
    });
    expect(texts(svg)).toEqual([
      'Impressions: 4000',
      'Clicks: 200 · 5 % of impressions',
      'Orders: 0 · 0 % of clicks',
    ]);
  });
});

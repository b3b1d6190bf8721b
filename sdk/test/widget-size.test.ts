import { expect, it } from 'vitest';
import { bundle, RECOMMEND_BUNDLE, WIDGET_BUNDLE } from '../../demo-site/scripts/bundles.ts';

it.each([WIDGET_BUNDLE, RECOMMEND_BUNDLE])('ships /$out within its gzip budget', async (spec) => {
  const { gzipBytes } = await bundle(spec);
  console.log(`${spec.out}: ${gzipBytes} B gzip (budget ${spec.gzipBudget} B)`);
  expect(gzipBytes).toBeLessThanOrEqual(spec.gzipBudget!);
});

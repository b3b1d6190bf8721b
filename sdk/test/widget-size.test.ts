import { expect, it } from 'vitest';
import { bundle, WIDGET_BUNDLE } from '../../demo-site/scripts/bundles.ts';

it('ships /rec-widget.js within its gzip budget (5 KB)', async () => {
  const { gzipBytes } = await bundle(WIDGET_BUNDLE);
  console.log(`rec-widget.js: ${gzipBytes} B gzip (budget ${WIDGET_BUNDLE.gzipBudget} B)`);
  expect(gzipBytes).toBeLessThanOrEqual(WIDGET_BUNDLE.gzipBudget!);
});

/**
 * Parse speed of the catalogue import: each file read, parsed and checked against the contract
 * (everything `npm run catalog -- import --dry-run` does), in items/s. Prints JSON.
 *
 *   npx tsx bench/catalog-feed.ts --out /tmp/feed && npx tsx bench/catalog-parse.ts /tmp/feed/catalog.*
 */
import { statSync } from 'node:fs';
import { formatOf, formatReader } from '../edge/scripts/catalog/formats.ts';
import { readLines } from '../edge/scripts/catalog/read-lines.ts';
import { isIssue } from '../edge/scripts/catalog/source-record.ts';
import { validated } from '../edge/scripts/catalog/validate.ts';

const results = [];
for (const file of process.argv.slice(2)) {
  const format = formatOf(file);
  if (!format) throw new Error(`unknown format: ${file}`);
  const reader = formatReader(format);
  const started = performance.now();
  let items = 0;
  let refused = 0;
  for await (const r of validated(reader.parse(readLines(file)), reader.column)) {
    if (isIssue(r)) refused++;
    else items++;
  }
  const seconds = (performance.now() - started) / 1000;
  const mb = statSync(file).size / 1e6;
  results.push({
    file,
    format,
    items,
    refused,
    seconds: +seconds.toFixed(2),
    itemsPerSecond: Math.round(items / seconds),
    mbPerSecond: +(mb / seconds).toFixed(1),
    heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
  });
}
console.log(JSON.stringify(results, null, 2));

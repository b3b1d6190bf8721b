/**
 * `npm run catalog -- import <file> | export`: the shop's catalogue in and out of the Worker's
 * `/v1/catalog/items` (formats and column mapping in README.md, "Catalogue import and export").
 */
import { UsageError } from '../../model/src/cli/args.ts';
import { CommandError, EXIT_REFUSED, exportCommand, importCommand } from './catalog/commands.ts';

const USAGE = `usage:
  npm run catalog -- import <file> [--format ndjson|csv|merchant] [--site demo] [--url http://localhost:8787]
                               [--token T] [--dry-run] [--category-depth 1]
  npm run catalog -- export [--site demo] [--url http://localhost:8787] [--token T] [--out file.ndjson]
Formats by extension: .ndjson/.jsonl, .csv, .tsv/.txt (Google Merchant Center feed); --format overrides.
--category-depth: how many product_type segments make a Merchant item's category (default 1).
Token: --token, else ADMIN_TOKEN, else .dev.vars. --dry-run parses and checks, sends nothing.
Exit codes: 0 ok; 1 failure (unreadable file, no usable line, API refused or unreachable);
  2 wrong arguments; ${EXIT_REFUSED} imported, but some lines were refused (listed with their file line).`;

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  import: importCommand,
  export: exportCommand,
};

const [name, ...argv] = process.argv.slice(2);
try {
  if (name === '--help' || name === '-h' || argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const command = commands[name ?? ''];
  if (!command) throw new UsageError(name ? `unknown command ${JSON.stringify(name)}` : 'missing command');
  process.exitCode = await command(argv);
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (e instanceof CommandError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(1);
  }
  throw e;
}

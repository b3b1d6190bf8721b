/**
 * `npm run model -- train|predict|eval ...`: the model CLI (an exact contract other tooling calls).
 * Exit codes: 0 ok, 1 unusable input or model, 2 wrong arguments.
 */
import { UsageError } from './src/cli/args.ts';
import { evalCommand, predictCommand, trainCommand } from './src/cli/commands.ts';
import { InputError } from './src/cli/load-input.ts';

const USAGE = `usage:
  npm run model -- train --data <file> [--data <file> ...] --out <dir> [--items <catalogue.json>]
                         [--warm <model dir>] [--epochs n] [--dim n] [--seed n] [--max-bad-lines n]
  npm run model -- train --synthetic demo --out <dir>
  npm run model -- predict --model <dir> --input <file> --k 20 --out <file> [--static]
  npm run model -- eval --model <dir> --input <file> [--k 20] [--mode both|static|online] [--json <file>]
Inputs: session TSV (SessionId, ItemId, Time) or the edge's NDJSON event log (file or folder).`;

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  train: trainCommand,
  predict: predictCommand,
  eval: evalCommand,
};

const [name, ...argv] = process.argv.slice(2);
try {
  const command = commands[name ?? ''];
  if (!command) throw new UsageError(name ? `unknown command ${JSON.stringify(name)}` : 'missing command');
  await command(argv);
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (e instanceof InputError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(1);
  }
  throw e;
}

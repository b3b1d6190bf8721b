/**
 * Imported first by a bench that needs the global `WebSocket`: Node 20 has it behind
 * `--experimental-websocket`, so without it the process runs itself again with the flag and exits
 * with that run's status (modules evaluate in import order: nothing imported after this runs twice).
 */
import { spawnSync } from 'node:child_process';

if (typeof WebSocket === 'undefined') {
  const argv = ['--experimental-websocket', ...process.execArgv, ...process.argv.slice(1)];
  process.exit(spawnSync(process.execPath, argv, { stdio: 'inherit' }).status ?? 1);
}

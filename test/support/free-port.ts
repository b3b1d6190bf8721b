/**
 * A TCP port that was free a moment ago, so parallel runs never clash. Picked at random below the
 * kernel's ephemeral range (32768-60999 on Linux): a port the OS hands out could be handed out
 * again to wrangler's inspector or workerd's own sockets before our `wrangler dev` binds it (seen
 * in CI as "Address already in use"); ports below that range only go to whoever asks for them.
 */
import { createServer } from 'node:net';

const FROM = 20_000;
const TO = 32_000;

/** True when nothing listens on 127.0.0.1:`port`. */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port on 127.0.0.1 from [20000, 32000). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = FROM + Math.floor(Math.random() * (TO - FROM));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port found in ${FROM}-${TO}`);
}

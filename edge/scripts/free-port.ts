/**
 * Free local TCP ports, checked by binding them briefly (wrangler dev needs fixed ports). Random
 * picks come from below the kernel's ephemeral range (32768-60999 on Linux): a port the OS hands
 * out could be handed out again to wrangler's inspector or workerd's own sockets before our
 * `wrangler dev` binds it (seen in CI as "Address already in use"); ports below that range only go
 * to whoever asks for them, and random picks keep servers started side by side apart.
 */
import { createServer } from 'node:net';

/** True when nothing listens on 127.0.0.1:`port`. */
export const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** The first free port in [from, to]; throws when all are taken. */
export async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) if (await isFree(port)) return port;
  throw new Error(`no free port in ${from}-${to}`);
}

/** A random free port from [20000, 32000). */
export async function randomFreePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await isFree(port)) return port;
  }
  throw new Error('no free port found in 20000-32000');
}

/** A free local TCP port from a range, checked by binding it briefly (wrangler dev needs a fixed port). */
import { createServer } from 'node:net';

/** True when nothing listens on 127.0.0.1:`port`. */
export const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** The first free port in [from, to]; throws when all are taken. */
export async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port++) if (await isFree(port)) return port;
  throw new Error(`no free port in ${from}-${to}`);
}

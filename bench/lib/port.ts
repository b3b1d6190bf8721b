/** A free TCP port from this project's range (8810-8819), checked by binding it briefly. */
import { createServer } from 'node:net';

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** The first free port in [from, to]; throws when all are taken. */
export async function freePort(from = 8810, to = 8819): Promise<number> {
  for (let port = from; port <= to; port++) if (await isFree(port)) return port;
  throw new Error(`no free port in ${from}-${to}`);
}

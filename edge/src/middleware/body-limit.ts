/**
 * Request body size limit: a declared `Content-Length` over the limit is refused before reading,
 * and the bytes actually read are counted too (chunked bodies declare no length), so nothing
 * larger than the limit is ever buffered. Over the limit → 413. Sets `body`.
 */
import type { MiddlewareHandler } from 'hono';
import { MAX_BODY_BYTES } from '../../../contracts/schema/events.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';

const tooLarge = (maxBytes: number) =>
  new ApiError(413, 'body_too_large', `request body must be at most ${maxBytes} bytes`, 'body');

/** Read a body stream, failing as soon as it exceeds `maxBytes`. */
export async function readAtMost(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array> {
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** Middleware: enforce the body limit and keep the bytes in `body`. */
export function bodyLimit({
  maxBytes = MAX_BODY_BYTES,
}: {
  maxBytes?: number;
} = {}): MiddlewareHandler<AppEnv> {
  return async function bodyLimit(c, next) {
    const declared = c.req.header('Content-Length');
    if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge(maxBytes);
    // A declared length within the limit bounds the body already (the runtime holds a body to its
    // Content-Length), so it is read in one native call rather than chunk by chunk.
    const body =
      declared !== undefined && /^\d+$/.test(declared)
        ? new Uint8Array(await c.req.raw.arrayBuffer())
        : await readAtMost(c.req.raw.body, maxBytes);
    if (body.byteLength > maxBytes) throw tooLarge(maxBytes); // a Request built in code may misstate it
    c.set('body', body);
    await next();
  };
}

/** What every API answer must be, whatever was asked: no 5xx, and errors in the one JSON shape. */
import { expect } from 'vitest';

/** The error body every refusal carries. */
export interface ErrorShape {
  error: { code: string; message: string; path: string };
}

/**
 * Check `res` against the API's promises and return its JSON body (or undefined for 2xx without
 * JSON and upgrades). `context` is printed with a failure, next to fast-check's seed and case.
 */
export async function expectApiAnswer(res: Response, context: string, method = 'GET'): Promise<unknown> {
  // An accepted upgrade first: a handshake's response cannot be cloned (or read) for the message.
  if (res.status === 101) return undefined;
  expect(res.status, `${context} answered ${res.status}: ${await res.clone().text()}`).toBeLessThan(500);
  if (res.status >= 400) {
    const type = res.headers.get('Content-Type') ?? '';
    expect(type, `${context}: error without JSON`).toMatch(/^application\/json/);
    if (method === 'HEAD') return undefined; // no body, by definition
    const body = (await res.json()) as ErrorShape;
    expect(typeof body?.error?.code, `${context}: ${JSON.stringify(body)}`).toBe('string');
    expect(body.error.code.length).toBeGreaterThan(0);
    expect(typeof body.error.message).toBe('string');
    expect(typeof body.error.path).toBe('string');
    return body;
  }
  if (res.status === 204 || method === 'HEAD') return undefined;
  const type = res.headers.get('Content-Type') ?? '';
  return type.startsWith('application/json') ? res.json() : res.arrayBuffer();
}

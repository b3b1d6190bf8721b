/**
 * Decode a size-checked request body as JSON. `text/plain` is accepted as well as
 * `application/json`: `navigator.sendBeacon` with a string sends `text/plain` and thereby avoids
 * a CORS preflight.
 */
import { BODY_SHAPE, jsonShapeProblem } from '../../../contracts/json-shape.ts';
import { ApiError } from './api-error.ts';

const ACCEPTED_TYPES = new Set(['application/json', 'text/plain']);
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The parsed JSON of `body`; 415 for other content types, 400 naming the problem for bad JSON. */
export function parseJsonBody(body: Uint8Array, contentType: string | undefined): unknown {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType && !ACCEPTED_TYPES.has(mediaType)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `Content-Type must be application/json or text/plain, not ${mediaType}`,
      'Content-Type',
    );
  }
  if (body.byteLength === 0)
    throw new ApiError(400, 'invalid_json', 'request body is empty; expected JSON', 'body');
  const json = parseJsonText(decodeUtf8(body));
  // Before any schema: a schema (or SQLite later) must never meet what no valid body holds.
  const problem = jsonShapeProblem(json, BODY_SHAPE);
  if (problem) throw new ApiError(400, 'invalid_body', problem.message, problem.path || 'body');
  return json;
}

/** The text of a body; 400 when it is not valid UTF-8. */
export function decodeUtf8(body: Uint8Array): string {
  try {
    return decoder.decode(body);
  } catch {
    throw new ApiError(400, 'invalid_json', 'request body is not valid UTF-8', 'body');
  }
}

/** `JSON.parse` of a request body's text; 400 naming the parse error. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError(
      400,
      'invalid_json',
      `request body is not valid JSON: ${(err as Error).message}`,
      'body',
    );
  }
}

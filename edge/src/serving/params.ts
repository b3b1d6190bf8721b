/**
 * Query parameters of `GET /v1/recommendations` (and of a WebSocket subscription): validated with
 * the same id rules as the event contract, k bounded by the placement.
 */
import * as v from 'valibot';
import { MAX_CATEGORY_LENGTH, MAX_EXCLUDE, NAME_PATTERN } from '../../../contracts/recommend-request.ts';
import { ItemIdSchema, SessionIdSchema } from '../../../contracts/schema/events.ts';

// Unknown parameters are ignored (caches and SDK versions may add their own).
const ParamsSchema = v.object({
  key: v.pipe(v.string('key must be a string'), v.regex(NAME_PATTERN, 'key must be a site key')),
  session: v.pipe(
    v.string('session must be a string'),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const r = v.safeParse(SessionIdSchema, dataset.value);
      if (r.success) return r.output;
      addIssue({ message: r.issues[0].message.replace('sessionId', 'session') });
      return NEVER;
    }),
  ),
  placement: v.pipe(
    v.string('placement must be a string'),
    v.regex(NAME_PATTERN, 'placement must be a placement name'),
  ),
  k: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'k must be a whole number'), v.transform(Number))),
  item: v.optional(
    v.pipe(
      v.string(),
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        const r = v.safeParse(ItemIdSchema, dataset.value);
        if (r.success) return r.output;
        addIssue({ message: r.issues[0].message.replace('itemId', 'item') });
        return NEVER;
      }),
    ),
  ),
  exclude: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) => s.split(',').filter((x) => x.length > 0)),
      v.maxLength(MAX_EXCLUDE, `exclude may list at most ${MAX_EXCLUDE} ids`),
      v.check((ids) => ids.every((id) => v.is(ItemIdSchema, id)), 'exclude must be comma-separated item ids'),
    ),
  ),
  category: v.optional(
    v.pipe(
      v.string(),
      v.minLength(1, 'category must not be empty'),
      v.maxLength(MAX_CATEGORY_LENGTH, `category must be at most ${MAX_CATEGORY_LENGTH} characters`),
    ),
  ),
});

/** Validated parameters (k still unchecked against the placement). */
export type RecommendationParams = v.InferOutput<typeof ParamsSchema>;

/** A push socket's own parameters: its site and session (its subscriptions come as messages). */
const SocketParamsSchema = v.pick(ParamsSchema, ['key', 'session']);

/** Parse the query string; the first problem comes back with the parameter it concerns. */
export function parseRecommendationParams(
  query: Record<string, string>,
): { ok: true; params: RecommendationParams } | { ok: false; message: string; path: string } {
  return parseWith(ParamsSchema, query);
}

/** Parse a push socket's query string (`key`, `session`) as `parseRecommendationParams` does. */
export function parseSocketParams(
  query: Record<string, string>,
):
  | { ok: true; params: Pick<RecommendationParams, 'key' | 'session'> }
  | { ok: false; message: string; path: string } {
  return parseWith(SocketParamsSchema, query);
}

function parseWith<S extends typeof ParamsSchema | typeof SocketParamsSchema>(
  schema: S,
  query: Record<string, string>,
): { ok: true; params: v.InferOutput<S> } | { ok: false; message: string; path: string } {
  const r = v.safeParse(schema, query, { abortPipeEarly: true });
  if (r.success) return { ok: true, params: r.output };
  const issue = r.issues[0];
  const path = v.getDotPath(issue) ?? '';
  const message = issue.input === undefined ? `${path} is required` : issue.message;
  return { ok: false, message, path };
}

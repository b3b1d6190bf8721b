/**
 * Limits of a recommendation request (`GET /v1/recommendations`, `rec.recommend`): the SDK checks
 * them before asking, the edge's query schema enforces them. Dependency-free: the SDK bundles it.
 */

/** Site keys and placement names: 1-64 of A-Z a-z 0-9 _ -. */
export const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/**
 * Most items one answer may hold (a placement's `maxK` is at most this): the candidates must fit
 * Vectorize's topK (100) with room to re-rank.
 */
export const MAX_K = 50;
/** Most ids `exclude=` may list (comma-separated). */
export const MAX_EXCLUDE = 50;
/** Longest `category=` value. */
export const MAX_CATEGORY_LENGTH = 64;

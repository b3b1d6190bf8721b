/**
 * A recommendation request from its query string: validated parameters, the site's placement (with
 * the session's experiment arm) and k within the placement's bounds. Errors are 400s naming the
 * parameter.
 */
import { type Placement, placementFor, placementNames, type SitesConfig } from '../config/sites.ts';
import { ApiError } from '../http/api-error.ts';
import { parseRecommendationParams, type RecommendationParams } from './params.ts';

/** A request ready for the session object. */
export interface ResolvedRequest {
  params: RecommendationParams;
  placement: Placement;
  k: number;
}

/** Validate `query` against `config`; throws ApiError(400) on the first problem. */
export function resolveRequest(query: Record<string, string>, config: SitesConfig): ResolvedRequest {
  const parsed = parseRecommendationParams(query);
  if (!parsed.ok) throw new ApiError(400, 'invalid_query', parsed.message, parsed.path);
  const { params } = parsed;
  const placement = placementFor(config, params.key, params.placement, params.session);
  if (!placement) {
    const known = placementNames(config, params.key).join(', ');
    throw new ApiError(
      400,
      'unknown_placement',
      `unknown placement ${params.placement} (this site has: ${known})`,
      'placement',
    );
  }
  const k = params.k ?? placement.k;
  if (k < 1 || k > placement.maxK) {
    throw new ApiError(
      400,
      'invalid_query',
      `k must be between 1 and ${placement.maxK} for placement ${placement.name}`,
      'k',
    );
  }
  if (placement.strategy === 'similar' && params.item === undefined) {
    throw new ApiError(
      400,
      'invalid_query',
      `item is required for placement ${placement.name} (items similar to it)`,
      'item',
    );
  }
  return { params, placement, k };
}

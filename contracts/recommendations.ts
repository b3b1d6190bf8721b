/**
 * The recommendation response contract of `GET /v1/recommendations` (and of WebSocket pushes),
 * imported by the Worker, the SDK cache and `<rec-widget>`. Dependency-free: the SDK bundles it.
 */

/** Item metadata from the shop's catalogue; rendered by the widget as text only. */
export interface ItemMetadata {
  title?: string;
  category?: string;
  price?: number;
  /** ISO 4217 code of `price`, when the catalogue has one. */
  currency?: string;
  image?: string;
  url?: string;
  inStock?: boolean;
}

/** One recommended item: id, score (higher is better) and its metadata. */
export interface RecommendedItem extends ItemMetadata {
  id: string;
  score: number;
  /** Placed at this position by a merchandising pin: on-device re-ranking must not move it. */
  pinned?: true;
}

/**
 * Candidate item vectors for on-device re-ranking, int8-quantized per item:
 * value[i][j] = int8[i * dim + j] * scale[i]. `data` is base64 of `items.length * dim` int8s,
 * in the same order as `items`.
 */
export interface PackedVectors {
  dim: number;
  scale: number[];
  data: string;
}

export interface RecommendationResponse {
  /** Identifies this answer; impressions and clicks carry it back as `props.recId` (attribution). */
  recId: string;
  /** Model version that produced the answer. */
  model: string;
  placement: string;
  /** Experiment variant this session is in, when an experiment runs on the placement. */
  variant?: string;
  items: RecommendedItem[];
  vectors?: PackedVectors;
}

/**
 * A WebSocket message from `GET /v1/recommendations/ws`: fresh recommendations for a subscription
 * each time the session changes (and once when it subscribes). `id` names the subscription
 * (`SocketSubscribe` in push-socket.ts); absent for the one a socket's URL named.
 */
export interface RecommendationPush {
  type: 'recommendations';
  id?: string;
  data: RecommendationResponse;
}

/**
 * Shapes the business rules work on. Pure data, no Worker types: the offline evaluator can apply the
 * same rules to its candidates.
 */

/** A candidate item after retrieval and the second stage. `score`: higher is better. */
export interface Candidate {
  id: string;
  score: number;
  category?: string;
  /** From item metadata; only `false` means out of stock (unknown counts as in stock). */
  inStock?: boolean;
  /** Placed by a pin rule: its position is fixed, whatever the score. */
  pinned?: boolean;
}

/** Items in the visitor's cart / bought in this session: never recommended when the rules say so. */
export interface SessionFacts {
  bought: ReadonlySet<string>;
  inCart: ReadonlySet<string>;
}

/** Match items by id or by category (either list may be empty). */
export interface ItemMatcher {
  ids?: string[];
  categories?: string[];
}

/** Raise (boost) or lower (bury) matching items' scores by `by` (an additive amount, > 0). */
export interface ScoreRule extends ItemMatcher {
  by: number;
}

/** Put item `id` at 0-based `position` of the answer (when it passes the hard rules). */
export interface PinRule {
  id: string;
  position: number;
}

/** The rules of one placement on one site (site defaults merged with placement overrides). */
export interface Rules {
  excludeBought: boolean;
  excludeInCart: boolean;
  skipOutOfStock: boolean;
  boost: ScoreRule[];
  bury: ScoreRule[];
  pin: PinRule[];
  /** At most this many items of one category in an answer; 0 = no limit. */
  maxPerCategory: number;
}

/** What the rules need to know about one request. */
export interface RuleContext {
  rules: Rules;
  session: SessionFacts;
  /** Ids the page asked to leave out (`exclude=`), e.g. the product being viewed. */
  exclude: ReadonlySet<string>;
  /** Category the page asked for (`category=`), if any. */
  category?: string;
}

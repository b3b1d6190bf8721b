/**
 * The abuse limits: what each one counts, the Rate Limiting binding that counts it by default and
 * that binding's period (the binding itself does not tell, and `Retry-After` needs it). The limits
 * themselves (`simple = { limit, period }`) are in wrangler.toml; a site may turn a limit off or
 * point it at another binding in its site key's entry (`limits`, see `config/site-keys.ts`).
 */

/** Every limit, with what it is counted per. */
export const LIMITS = {
  /** Event batches per session (key `<site>:<session>`). */
  eventsPerSession: { binding: 'RL_EVENTS_SESSION', period: 10, per: 'session' },
  /** Event batches per client address (key `<site>:<CF-Connecting-IP>`). */
  eventsPerIp: { binding: 'RL_EVENTS_IP', period: 10, per: 'ip' },
  /** Recommendation requests and WebSocket subscriptions per session. */
  recommendationsPerSession: { binding: 'RL_RECS_SESSION', period: 10, per: 'session' },
  /** Recommendation requests and WebSocket subscriptions per client address. */
  recommendationsPerIp: { binding: 'RL_RECS_IP', period: 10, per: 'ip' },
  /** New sessions (a session's first stored batch) and the SDK's erasures (forget) per client address. */
  sessionsPerIp: { binding: 'RL_SESSIONS_IP', period: 60, per: 'ip' },
  /** Admin requests per admin key (the Bearer token; key `admin:<its SHA-256 prefix>`). */
  admin: { binding: 'RL_ADMIN', period: 10, per: 'admin key' },
} as const satisfies Record<string, LimitBinding & { per: string }>;

/** A limit's name. */
export type LimitName = keyof typeof LIMITS;

/** Which binding counts a limit, and its period in seconds (Rate Limiting allows 10 or 60). */
export interface LimitBinding {
  binding: string;
  period: 10 | 60;
}

/** A site's choice for one limit: off, or another binding (a tier declared in wrangler.toml). */
export type LimitSetting = 'off' | LimitBinding;

/** The binding that counts `name` for a site with `settings`, or undefined when it is off. */
export function bindingFor(
  name: LimitName,
  settings: Partial<Record<LimitName, LimitSetting>> | undefined,
): LimitBinding | undefined {
  const setting = settings?.[name];
  if (setting === 'off') return undefined;
  return setting ?? LIMITS[name];
}

/**
 * User profile Durable Objects are named `<site>:user:<userId>`: per site, like sessions
 * (session-name.ts), so the same user id sent by two shops is two people. Site keys never contain
 * `:`, so the site is everything before the first one and a user id may contain anything.
 */

/** The Durable Object name of user `userId`'s profile on site `site`. */
export function profileObjectName(site: string, userId: string): string {
  return `${site}:user:${userId}`;
}

/** The stub of user `userId`'s profile on site `site`. */
export function profileStub(env: Env, site: string, userId: string) {
  return env.USER_PROFILES.getByName(profileObjectName(site, userId));
}

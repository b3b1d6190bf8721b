/**
 * The access rule, one pure function: a principal may use a route when its role includes the role
 * the route needs and, for a site's key, the route names that same site (`?key=`). The operator may
 * name any site, or none (deployment-wide).
 */
import { ROLES, type Role } from '../../../contracts/api-keys.ts';
import { type Principal, roleOf } from './principal.ts';

/** Why access is refused: a 403 with this code, message and the request part at fault. */
export interface Refusal {
  code: 'forbidden_role' | 'wrong_site';
  message: string;
  path: string;
}

const rank = (role: Role) => ROLES.indexOf(role);

/** What each role is called in a message ("needs the admin role: an admin key of the site ..."). */
const HOLDERS: Readonly<Record<Role, string>> = {
  public: 'the site key',
  server: 'a server key (sk_) or admin key (ak_) of the site, or the operator token',
  admin: 'an admin key (ak_) of the site, or the operator token',
  operator: 'the operator token (ADMIN_TOKEN)',
};

/** null when `principal` may act on `site` (undefined: no site named) with role `needed`. */
export function refusal(principal: Principal, needed: Role, site: string | undefined): Refusal | null {
  const held = roleOf(principal);
  if (rank(held) < rank(needed)) {
    return {
      code: 'forbidden_role',
      message: `this route needs the ${needed} role (${HOLDERS[needed]}); the credential has the ${held} role`,
      path: 'Authorization',
    };
  }
  if (principal.kind !== 'operator' && site !== principal.site) {
    return {
      code: 'wrong_site',
      message: `this credential is for site ${principal.site}; name it with ?key=${principal.site}`,
      path: 'key',
    };
  }
  return null;
}

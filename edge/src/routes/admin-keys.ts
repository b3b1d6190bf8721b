/**
 * A site's secret keys, `/v1/admin/keys?key=<site>` (the operator, or an admin key of that site):
 * list them, create one (the secret is in that answer only), rotate one (a new key of the same role;
 * the old one stays valid until revoked, or for `graceSeconds`), revoke one. At most two keys of a
 * role are valid at once: the old and the new one of a rotation.
 */
import { Hono } from 'hono';
import { type CreatedApiKey, type KeyRole, MAX_VALID_KEYS_PER_ROLE } from '../../../contracts/api-keys.ts';
import { createKeyInput, keyIdParam, rotateKeyInput } from '../auth/key-requests.ts';
import { findKey, insertKey, isValid, type KeyRow, keyInfo, listKeys, revokeKey } from '../auth/key-store.ts';
import { hashKey, newKey } from '../auth/key-token.ts';
import { actorOf, forgetCachedKey } from '../auth/principal.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { siteKey } from '../middleware/site-key.ts';

/** Make and store a key; 409 when the role already has its two valid keys. */
async function create(
  db: D1Database,
  site: string,
  role: KeyRole,
  label: string | undefined,
  createdBy: string,
  now: number,
): Promise<CreatedApiKey> {
  const { id, key } = newKey(site, role);
  const row: KeyRow = {
    id,
    site,
    role,
    hash: await hashKey(key),
    label: label ?? null,
    created_at: now,
    created_by: createdBy,
    revoked_at: null,
  };
  if (!(await insertKey(db, row, now))) {
    throw new ApiError(
      409,
      'too_many_keys',
      `site ${site} already has ${MAX_VALID_KEYS_PER_ROLE} valid ${role} keys: revoke one first (DELETE /v1/admin/keys/<id>)`,
      'role',
    );
  }
  return { ...keyInfo(row, now), secret: key };
}

const notFound = (id: string, site: string) =>
  new ApiError(404, 'key_not_found', `site ${site} has no key ${id}`, 'id');

/** Routes under `/v1/admin/keys`. */
export const adminKeys = new Hono<AppEnv>()
  .use(adminAuth(), siteKey())
  .get('/', async (c) => {
    const now = Date.now();
    const rows = await listKeys(c.env.CATALOG, c.get('siteKey'));
    return c.json({ keys: rows.map((r) => keyInfo(r, now)) });
  })
  .post('/', bodyLimit(), async (c) => {
    const { role, label } = createKeyInput(c.get('body'), c.req.header('Content-Type'));
    const by = actorOf(c.get('principal'));
    return c.json(await create(c.env.CATALOG, c.get('siteKey'), role, label, by, Date.now()), 201);
  })
  .post('/:id/rotate', bodyLimit(), async (c) => {
    const id = keyIdParam(c.req.param('id'));
    const { graceSeconds, label } = rotateKeyInput(c.get('body'), c.req.header('Content-Type'));
    const site = c.get('siteKey');
    const now = Date.now();
    const old = await findKey(c.env.CATALOG, id);
    if (!old || old.site !== site || !isValid(old, now)) throw notFound(id, site);
    const by = actorOf(c.get('principal'));
    const created = await create(c.env.CATALOG, site, old.role, label ?? old.label ?? undefined, by, now);
    let replaced = old;
    if (graceSeconds !== undefined) {
      replaced = (await revokeKey(c.env.CATALOG, site, id, now + graceSeconds * 1000)) ?? old;
      forgetCachedKey(id);
    }
    return c.json({ ...created, replaced: keyInfo(replaced, now) } satisfies CreatedApiKey, 201);
  })
  .delete('/:id', async (c) => {
    const id = keyIdParam(c.req.param('id'));
    const site = c.get('siteKey');
    const now = Date.now();
    const row = await revokeKey(c.env.CATALOG, site, id, now);
    if (!row) throw notFound(id, site);
    forgetCachedKey(id);
    return c.json(keyInfo(row, now));
  });

/**
 * Admin API for model artifacts (what `npm run publish-model` calls): upload a version's files to R2,
 * then activate it. Activation is the atomic switch; requests keep being served during it.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import { RetrainRecordSchema } from '../../../contracts/schema/retrain.ts';
import { MANIFEST_FILE } from '../../../model/src/export/folder-layout.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { invalidateActiveModel } from '../model-registry/active-model.ts';
import { readHistory, rollbackTarget } from '../model-registry/history.ts';
import {
  activate,
  MODEL_FILES,
  type ModelFile,
  putModelFile,
  readActive,
  readManifest,
} from '../model-registry/r2-store.ts';
import { keepVersions } from '../model-registry/retention.ts';
import { appendRetrain, readRetrains } from '../model-registry/retrains.ts';
import { SLOTS, type Slot, vectorIndex } from '../vectorize/binding.ts';

const VERSION_RE = /^[\w.-]{1,64}$/;
/** Largest artifact accepted (a 100k-item int8 tower is ~7 MB). */
export const MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024;

function checkVersion(version: string): string {
  if (!VERSION_RE.test(version)) {
    throw new ApiError(400, 'invalid_version', 'version must be 1-64 of A-Z a-z 0-9 _ . -', 'version');
  }
  return version;
}

/** Activate `version` on `slot` (its index must have the model's dimension) and drop this isolate's cache. */
async function activateOn(env: Env, version: string, slot: Slot) {
  const index = vectorIndex(env, slot);
  const dims = () =>
    index.describe().then(
      (d) => d.dimensions,
      () => undefined,
    );
  try {
    const active = await activate(env.MODELS, version, slot, dims, keepVersions(env.MODEL_KEEP_VERSIONS));
    invalidateActiveModel();
    return active;
  } catch (err) {
    throw new ApiError(400, 'cannot_activate', (err as Error).message);
  }
}

/** Routes under `/v1/admin/models`. */
export const adminModels = new Hono<AppEnv>()
  // One active model for every site on the deployment: a site's admin may read which one serves
  // (the dashboard shows it), only the operator may change it.
  .use(async (c, next) => adminAuth({ role: c.req.method === 'GET' ? 'admin' : 'operator' })(c, next))
  .get('/active', async (c) => {
    const active = await readActive(c.env.MODELS);
    if (!active) throw new ApiError(404, 'no_model', 'no model has been activated');
    return c.json(active);
  })
  // A published version's manifest (when and on what it was trained, its offline metrics): the dashboard reads it.
  .get(`/:version/${MANIFEST_FILE}`, async (c) => {
    const version = checkVersion(c.req.param('version'));
    // An upload that does not validate is as unusable as a missing one: 404 either way, saying which.
    const manifest = await readManifest(c.env.MODELS, version).catch((err: Error) => {
      throw new ApiError(404, 'no_model', err.message, 'version');
    });
    if (!manifest) throw new ApiError(404, 'no_model', `model ${version} has no ${MANIFEST_FILE}`, 'version');
    return c.json(manifest);
  })
  .put('/:version/:file', async (c) => {
    const version = checkVersion(c.req.param('version'));
    const file = c.req.param('file');
    if (!(MODEL_FILES as readonly string[]).includes(file)) {
      throw new ApiError(400, 'invalid_file', `file must be one of ${MODEL_FILES.join(', ')}`, 'file');
    }
    const body = await c.req.arrayBuffer();
    if (body.byteLength === 0 || body.byteLength > MAX_MODEL_FILE_BYTES) {
      throw new ApiError(
        body.byteLength ? 413 : 400,
        'invalid_body',
        `file body must be 1 byte to ${MAX_MODEL_FILE_BYTES} bytes`,
      );
    }
    await putModelFile(c.env.MODELS, version, file as ModelFile, body);
    return c.json({ version, file, bytes: body.byteLength });
  })
  .get('/history', async (c) => c.json(await readHistory(c.env.MODELS)))
  // What each `npm run retrain` decided, newest first: both models' scores, the decision, what went live.
  .get('/retrains', async (c) => c.json({ retrains: (await readRetrains(c.env.MODELS)).reverse() }))
  .post('/retrains', bodyLimit(), async (c) => {
    const parsed = v.safeParse(
      RetrainRecordSchema,
      parseJsonBody(c.get('body'), c.req.header('Content-Type')),
    );
    if (!parsed.success) {
      const issue = parsed.issues[0];
      throw new ApiError(400, 'invalid_body', issue.message, v.getDotPath(issue) ?? 'body');
    }
    await appendRetrain(c.env.MODELS, parsed.output);
    return c.json(parsed.output, 201);
  })
  // The version active before this one, on the slot that still holds its vectors (or 409 saying why not).
  .post('/rollback', async (c) => {
    const target = rollbackTarget(await readHistory(c.env.MODELS));
    if (!target.ok) throw new ApiError(409, 'cannot_roll_back', target.reason);
    return c.json(await activateOn(c.env, target.version, target.slot));
  })
  .post('/:version/activate', async (c) => {
    const version = checkVersion(c.req.param('version'));
    const slot = c.req.query('slot') ?? '';
    if (!(SLOTS as readonly string[]).includes(slot)) {
      throw new ApiError(400, 'invalid_slot', `slot must be one of ${SLOTS.join(', ')}`, 'slot');
    }
    return c.json(await activateOn(c.env, version, slot as Slot));
  });

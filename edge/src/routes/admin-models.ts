/**
 * Admin API for model artifacts (what `npm run publish-model` calls): upload a version's files to R2,
 * then activate it. Activation is the atomic switch; requests keep being served during it.
 */
import { Hono } from 'hono';
import * as v from 'valibot';
import type { RetrainRun } from '../../../contracts/retrain.ts';
import { RetrainRecordSchema } from '../../../contracts/schema/retrain.ts';
import { MANIFEST_FILE } from '../../../model/src/export/folder-layout.ts';
import { ApiError } from '../http/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { parseJsonBody } from '../http/json-body.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { bodyLimit } from '../middleware/body-limit.ts';
import { activateOnSlot } from '../model-registry/activate-slot.ts';
import { readHistory, rollbackTarget } from '../model-registry/history.ts';
import {
  MODEL_FILES,
  type ModelFile,
  putModelFile,
  readActive,
  readManifest,
} from '../model-registry/r2-store.ts';
import { appendRetrain, readRetrains } from '../model-registry/retrains.ts';
import { RunParamsError, runParams } from '../retrain/run-params.ts';
import { SLOTS, type Slot } from '../vectorize/binding.ts';

const VERSION_RE = /^[\w.-]{1,64}$/;
const RUN_ID_RE = /^[\w-]{1,100}$/;
/** Largest artifact accepted (a 100k-item int8 tower is ~7 MB). */
export const MAX_MODEL_FILE_BYTES = 64 * 1024 * 1024;

function checkVersion(version: string): string {
  if (!VERSION_RE.test(version)) {
    throw new ApiError(400, 'invalid_version', 'version must be 1-64 of A-Z a-z 0-9 _ . -', 'version');
  }
  return version;
}

/** Activate `version` on `slot`; a refusal (no such version, wrong index) is the caller's 400. */
async function activateOn(env: Env, version: string, slot: Slot) {
  try {
    return await activateOnSlot(env, version, slot);
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
  // Start a retrain Workflow now (body: any RetrainRun field; the rest from wrangler.toml's defaults).
  .post('/retrains/runs', bodyLimit(), async (c) => {
    const body = c.get('body');
    const given = body.byteLength === 0 ? undefined : parseJsonBody(body, c.req.header('Content-Type'));
    let params: RetrainRun;
    try {
      params = runParams(c.env, given, Date.now());
    } catch (err) {
      if (err instanceof RunParamsError) throw new ApiError(400, 'invalid_body', err.message, err.field);
      throw err;
    }
    const instance = await c.env.RETRAIN.create({ params });
    return c.json({ id: instance.id, params }, 202);
  })
  // A run's state: queued, running, complete (its output: the record and each step's time), errored.
  .get('/retrains/runs/:id', async (c) => {
    const id = c.req.param('id');
    if (!RUN_ID_RE.test(id))
      throw new ApiError(400, 'invalid_run', 'run id must be 1-100 of A-Z a-z 0-9 _ -', 'id');
    const instance = await c.env.RETRAIN.get(id).catch(() => {
      throw new ApiError(404, 'no_run', `no retrain run ${id}`, 'id');
    });
    return c.json({ id, ...(await instance.status()) });
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

/** Parse the key routes' inputs: bodies against `contracts/schema/api-keys.ts`, the `:id` parameter. */
import * as v from 'valibot';
import {
  type CreateKeyInput,
  CreateKeySchema,
  type RotateKeyInput,
  RotateKeySchema,
} from '../../../contracts/schema/api-keys.ts';
import { ApiError } from '../http/api-error.ts';
import { parseJsonBody } from '../http/json-body.ts';

const KEY_ID = /^(sk|ak)_[A-Za-z0-9_-]{1,64}_[0-9a-f]{12}$/;

function parseWith<S extends v.GenericSchema>(schema: S, json: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, json);
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw new ApiError(400, 'invalid_body', issue.message, v.getDotPath(issue) ?? 'body');
}

/** The body of a key creation. */
export function createKeyInput(body: Uint8Array, type: string | undefined): CreateKeyInput {
  return parseWith(CreateKeySchema, parseJsonBody(body, type));
}

/** The body of a rotation; an empty body is `{}` (no grace: the old key stays until revoked). */
export function rotateKeyInput(body: Uint8Array, type: string | undefined): RotateKeyInput {
  return parseWith(RotateKeySchema, body.byteLength === 0 ? {} : parseJsonBody(body, type));
}

/** The `:id` parameter: a key id (`sk_<site>_<12 hex>` or `ak_...`); 400 naming `id` otherwise. */
export function keyIdParam(raw: string): string {
  if (!KEY_ID.test(raw))
    throw new ApiError(
      400,
      'invalid_key_id',
      'id must be a key id: sk_<site>_<12 hex> or ak_<site>_<12 hex>',
      'id',
    );
  return raw;
}

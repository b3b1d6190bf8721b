/** valibot schemas of the key admin routes' bodies (`POST /v1/admin/keys`, `.../:id/rotate`). */
import * as v from 'valibot';
import { KEY_ROLES } from '../api-keys.ts';

/** Longest label a key may carry (a note for people: "checkout server, 2026-12"). */
export const MAX_KEY_LABEL = 120;
/** Longest grace a rotation may leave the old key valid: 30 days, in seconds. */
export const MAX_ROTATION_GRACE_S = 30 * 86_400;

const Label = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MAX_KEY_LABEL, `at most ${MAX_KEY_LABEL} characters`),
);

/** `POST /v1/admin/keys?key=<site>`: a new key of `role`. */
export const CreateKeySchema = v.strictObject({
  role: v.picklist(KEY_ROLES, `role must be one of ${KEY_ROLES.join(', ')}`),
  label: v.optional(Label),
});

/**
 * `POST /v1/admin/keys/:id/rotate?key=<site>`: a new key of the same role; the old one stays valid
 * for `graceSeconds` (absent: until it is revoked).
 */
export const RotateKeySchema = v.strictObject({
  graceSeconds: v.optional(
    v.pipe(
      v.number(),
      v.integer('graceSeconds must be an integer'),
      v.minValue(0, 'graceSeconds must be >= 0'),
      v.maxValue(MAX_ROTATION_GRACE_S, `graceSeconds must be at most ${MAX_ROTATION_GRACE_S}`),
    ),
  ),
  label: v.optional(Label),
});

export type CreateKeyInput = v.InferOutput<typeof CreateKeySchema>;
export type RotateKeyInput = v.InferOutput<typeof RotateKeySchema>;

/**
 * The commands that publish a model to a real Cloudflare account (Vectorize has no local mode, so
 * `publish-model` prints them rather than running them against the local stand-in).
 */
import { ITEM_METADATA_INDEXES } from '../../src/serving/catalogue.ts';
import type { ModelDir } from './read-model.ts';

/** Shell commands, in order: index (first time), metadata indexes, vectors, artifacts, activation. */
export function wranglerCommands(
  model: ModelDir,
  indexBase: string,
  slot: 'a' | 'b',
  bucket = 'rec-models',
): string[] {
  const { manifest } = model;
  const index = `${indexBase}-${slot}`;
  const v = manifest.version;
  return [
    `# once per slot (the index configuration cannot change; delete and recreate it for a new dimension):`,
    `npx wrangler vectorize create ${index} --dimensions=${manifest.dim} --metric=${manifest.metric}`,
    ...ITEM_METADATA_INDEXES.map(
      (m) =>
        `npx wrangler vectorize create-metadata-index ${index} --property-name=${m.propertyName} --type=${m.indexType}`,
    ),
    `# item vectors of this model (the slot the active model does not use):`,
    `npx wrangler vectorize insert ${index} --file=${model.path('vectorsNdjson')}`,
    `# artifacts, then the switch (the Worker checks the slot's dimension before activating):`,
    `npx wrangler r2 object put ${bucket}/models/${v}/manifest.json --file=${model.dir}/manifest.json --remote`,
    `npx wrangler r2 object put ${bucket}/models/${v}/tower --file=${model.path('tower')} --remote`,
    ...(manifest.files.signals
      ? [`npx wrangler r2 object put ${bucket}/models/${v}/signals --file=${model.path('signals')} --remote`]
      : []),
    ...(model.itemFeaturesPath
      ? [
          `npx wrangler r2 object put ${bucket}/models/${v}/item-features --file=${model.itemFeaturesPath} --remote`,
        ]
      : []),
    `curl -X POST "https://<your-worker>/v1/admin/models/${v}/activate?slot=${slot}" -H "Authorization: Bearer $ADMIN_TOKEN"`,
  ];
}

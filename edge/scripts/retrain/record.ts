/**
 * Posting the retrain's record (built by model/src/retrain/record.ts) to the Worker after the
 * decision; a record that cannot be stored is a warning, never a failed retrain.
 */
import type { RetrainRecord } from '../../../contracts/retrain.ts';
import type { AdminClient } from '../publish/admin-client.ts';

/** Store the record on the Worker; false (after `warn`) when it could not be. */
export async function storeRetrainRecord(
  admin: AdminClient,
  record: RetrainRecord,
  warn: (line: string) => void,
): Promise<boolean> {
  try {
    await admin.call('POST', '/v1/admin/models/retrains', JSON.stringify(record));
    return true;
  } catch (err) {
    warn(`warning: the retrain's record was not stored on the Worker: ${(err as Error).message}`);
    return false;
  }
}

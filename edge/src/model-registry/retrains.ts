/**
 * The retrain records in R2 (`models/retrains.json`): what each `npm run retrain` decided, newest
 * last, the last MAX_RETRAIN_RECORDS kept. A record names its candidate's version, which is unique:
 * posting the same record again (a client retry) replaces it instead of adding a second one.
 */
import { MAX_RETRAIN_RECORDS, type RetrainRecord } from '../../../contracts/retrain.ts';

const RETRAINS = 'models/retrains.json';

/** The kept records, oldest first. */
export async function readRetrains(bucket: R2Bucket): Promise<RetrainRecord[]> {
  const obj = await bucket.get(RETRAINS);
  return obj ? ((await obj.json()) as RetrainRecord[]) : [];
}

/** Add `record` (replacing one of the same candidate). Read-modify-write: retrains are rare and sequential. */
export async function appendRetrain(bucket: R2Bucket, record: RetrainRecord): Promise<void> {
  const kept = (await readRetrains(bucket)).filter((r) => r.candidate.version !== record.candidate.version);
  await bucket.put(RETRAINS, JSON.stringify([...kept, record].slice(-MAX_RETRAIN_RECORDS)));
}

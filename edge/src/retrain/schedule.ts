/**
 * The daily retrain: the Cron Trigger `RETRAIN_CRON` (wrangler.toml `[triggers] crons` lists it
 * beside the minute's) starts one RetrainWorkflow with the deployment's defaults (run-params.ts). The
 * instance id is the day's, so a trigger fired twice the same day starts one run.
 */
import { runParams } from './run-params.ts';

/** The retrain's cron expression, as wrangler.toml has it. */
export const RETRAIN_CRON = '15 3 * * *';

/** Start the day's run; a second start the same day (or any failure to start) is logged, not thrown. */
export async function startScheduledRetrain(env: Env, scheduledTime: number): Promise<void> {
  const now = Number(scheduledTime); // a Date when the handler is called through a loopback binding
  const id = `scheduled-${new Date(now).toISOString().slice(0, 10)}`;
  try {
    await env.RETRAIN.create({ id, params: runParams(env, undefined, now) });
  } catch (err) {
    console.error(`retrain ${id} not started: ${(err as Error).message}`);
  }
}

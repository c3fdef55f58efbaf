import type { BackgroundTask } from './BackgroundTask.js';

/** The most runs a drain makes: work that keeps producing work (a retry due at once, forever) must still end. */
export const DRAIN_RUNS = 50;

/**
 * Runs a task again and again, with no pause, until a run finds nothing to do: everything due now is done or
 * scheduled for later. For shutdown, tests and the adapter kit. Resolves with how many things the runs did.
 */
export async function drainTask(task: Pick<BackgroundTask, 'runOnce'>, runs = DRAIN_RUNS): Promise<number> {
  let total = 0;
  for (let run = 0; run < runs; run++) {
    const done = await task.runOnce();
    total += done;
    if (done === 0) return total;
  }
  return total;
}

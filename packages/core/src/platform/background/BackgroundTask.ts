/**
 * Work a worker process does on its own, again and again: the scheduled sweeps, and whatever else is due later than
 * the request that caused it. Several processes may run the same task at once; each task keeps that safe with the
 * platform's one guard, a unique insert (the sweeps decide inside the event log's append).
 */
export interface BackgroundTask {
  /** A short name for logs, e.g. `sweeps`. */
  readonly name: string;
  /** How long to wait between two runs of this task, in milliseconds. */
  readonly intervalMs: number;
  /** Does what is due now; resolves with how many things it did (0 when nothing was due). */
  runOnce(): Promise<number>;
  /**
   * Optional, for a task whose pieces of work may each take long (a webhook POST to a receiver that hangs): starts
   * what is due without waiting for it to end. The background loop calls it instead of `runOnce`, so that one slow
   * piece never holds back the next run; `drain` still sees runs through with `runOnce`. Resolves with how many
   * things ended since the last start.
   */
  startOnce?(): Promise<number>;
  /** With `startOnce`: resolves once everything it started has ended (the runner's `stop` waits for it). */
  settleStarted?(): Promise<void>;
  /**
   * Optional: lets the task cut its pause short when there is work (events appended in this process, for the
   * webhook dispatcher). The runner passes a function to call while it waits, and calls the returned function to
   * stop listening when the pause ends.
   */
  onWake?(wake: () => void): () => void;
}

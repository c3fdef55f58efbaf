/**
 * What the core reports for an operator to watch (issue 23): one call per thing that happened, with its measures.
 * The host binds an implementation (the server's Prometheus registry, `@flexroll/api`'s PromMetrics); without one,
 * nothing is recorded. Workspace ids are passed as they are: the implementation bounds its labels.
 */
export interface CoreMetrics {
  /** A background task's run: its name, how long it took, how many things it did, whether it failed. */
  taskRun(task: string, seconds: number, done: number, failed: boolean): void;
  /** One call to an operator adapter: its operation, how long, and `ok`, `error` or `timeout`. */
  adapterCall(adapterId: string, operation: string, seconds: number, outcome: 'ok' | 'error' | 'timeout'): void;
  /** The webhook messages waiting to be delivered, per workspace, as a dispatcher's pass found them. */
  webhooksPending(pendingByWorkspace: ReadonlyMap<string, number>): void;
  /**
   * A webhook attempt's end: `delivered`, `retrying` (it failed and will be tried again) or `failed` (given up on);
   * on `delivered`, the seconds from the message's creation (its event's fan-out) to now.
   */
  webhookAttempt(workspaceId: string, outcome: 'delivered' | 'retrying' | 'failed', lagSeconds?: number): void;
  /** An adapter outbox item given up on (dead-lettered). */
  outboxDeadLetter(adapterId: string): void;
  /** A deadline found missed (announced once). */
  deadlineMissed(workspaceId: string): void;
  /** Rows a job has done: its kind (`import`, a bulk action) and how many in this step. */
  jobRows(kind: string, rows: number): void;
}

/** Records nothing: the default where no host has bound metrics (tests, a library used on its own). */
export const NO_METRICS: CoreMetrics = Object.freeze({
  taskRun: () => undefined,
  adapterCall: () => undefined,
  webhooksPending: () => undefined,
  webhookAttempt: () => undefined,
  outboxDeadLetter: () => undefined,
  deadlineMissed: () => undefined,
  jobRows: () => undefined,
});

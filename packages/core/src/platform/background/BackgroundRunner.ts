import type { CoreLogger } from '../CoreLogger.js';
import { type CoreMetrics, NO_METRICS } from '../metrics/CoreMetrics.js';
import type { BackgroundTask } from './BackgroundTask.js';
import { drainTask } from './drainTask.js';
import { runWithTrace, startTrace } from '../tracing/traceContext.js';

/**
 * The one loop of every kind of background work (sweeps, adapter outbox, webhook delivery, jobs, polling,
 * idempotency expiry): each task in a loop of its own — a run, then its interval, then the next run, never two runs
 * of one task at once in this process (a task with `startOnce` is started rather than run: its pieces of work go on
 * while the loop does, and `stop` waits for them). A run that throws is logged and the loop goes on. `stop()` lets runs in
 * progress finish and resolves when every loop has ended; `drain()` runs every task until nothing is due.
 */
export class BackgroundRunner {
  #stopping = false;
  readonly #loops: Promise<void>[] = [];
  readonly #wakers = new Set<() => void>();

  constructor(
    private readonly tasks: readonly BackgroundTask[],
    private readonly logger: CoreLogger,
    private readonly metrics: CoreMetrics = NO_METRICS,
  ) {}

  start(): void {
    for (const task of this.tasks) this.#loops.push(this.#loop(task));
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    for (const wake of this.#wakers) wake();
    await Promise.all(this.#loops);
    await Promise.all(this.tasks.map((task) => task.settleStarted?.() ?? Promise.resolve()));
  }

  /**
   * Runs every task (in parallel, each on its own) until a run of it finds nothing due, without the pauses: for a
   * worker asked to finish what is due before it stops, and for tests. Not while the loops run (`start`), since a
   * task's runs must not overlap. Resolves with how many things were done.
   */
  async drain(): Promise<number> {
    if (this.#loops.length > 0 && !this.#stopping) throw new Error('drain() is for a runner that is not started, or stopped');
    await Promise.all(this.#loops);
    const done = await Promise.all(this.tasks.map((task) => this.#guarded(task, () => drainTask(task))));
    return done.reduce((sum, count) => sum + count, 0);
  }

  async #guarded(task: BackgroundTask, run: () => Promise<number>): Promise<number> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      // Each run its own trace, so that its log lines and the adapter calls it makes carry one trace id.
      const done = await runWithTrace(startTrace(), run);
      this.metrics.taskRun(task.name, seconds(), done, false);
      if (done > 0) this.logger.info('background task ran', { task: task.name, done });
      return done;
    } catch (error) {
      this.metrics.taskRun(task.name, seconds(), 0, true);
      this.logger.error('background task failed', { task: task.name, error: error instanceof Error ? error.message : String(error) });
      return 0;
    }
  }

  async #loop(task: BackgroundTask): Promise<void> {
    while (!this.#stopping) {
      await this.#guarded(task, () => (task.startOnce === undefined ? task.runOnce() : task.startOnce()));
      await this.#pause(task.intervalMs, task);
    }
  }

  #pause(ms: number, task: BackgroundTask): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const listening: { stop?: (() => void) | undefined } = {};
      const wake = () => {
        clearTimeout(timer);
        this.#wakers.delete(wake);
        listening.stop?.();
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#wakers.add(wake);
      listening.stop = task.onWake?.(wake);
    });
  }
}

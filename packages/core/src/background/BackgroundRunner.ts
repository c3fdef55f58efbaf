import type { CoreLogger } from '../logging/CoreLogger.js';
import type { BackgroundTask } from './BackgroundTask.js';

/**
 * Runs each background task in a loop of its own: a run, then its interval, then the next run, never two runs of one
 * task at once in this process. A run that throws is logged and the loop goes on. `stop()` lets runs in progress
 * finish and resolves when every loop has ended.
 */
export class BackgroundRunner {
  #stopping = false;
  readonly #loops: Promise<void>[] = [];
  readonly #wakers = new Set<() => void>();

  constructor(
    private readonly tasks: readonly BackgroundTask[],
    private readonly logger: CoreLogger,
  ) {}

  start(): void {
    for (const task of this.tasks) this.#loops.push(this.#loop(task));
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    for (const wake of this.#wakers) wake();
    await Promise.all(this.#loops);
  }

  async #loop(task: BackgroundTask): Promise<void> {
    while (!this.#stopping) {
      try {
        const done = await task.runOnce();
        if (done > 0) this.logger.info('background task ran', { task: task.name, done });
      } catch (error) {
        this.logger.error('background task failed', { task: task.name, error: error instanceof Error ? error.message : String(error) });
      }
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

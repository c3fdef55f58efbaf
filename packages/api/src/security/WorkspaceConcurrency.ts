/** A request's hold on one of its workspace's places; give it back once, when the response is done. */
export type Release = () => void;

interface Workspace {
  running: number;
  readonly waiting: Array<(release: Release | undefined) => void>;
}

/**
 * At most `limit` requests of one workspace run at once in this process; more wait up to `queueWaitMs` for a place
 * (first come, first served) and are then refused. So one workspace's flood holds at most `limit` of the store's
 * connections, and every other workspace still finds the rest (ADR 0020). Per process, like the rate limit.
 */
export class WorkspaceConcurrency {
  private readonly workspaces = new Map<string, Workspace>();

  constructor(
    private readonly limit: number,
    private readonly queueWaitMs: number,
  ) {}

  /** A place for a request of the workspace, or undefined when none came free in time or `signal` aborted first. */
  enter(workspaceId: string, signal?: AbortSignal): Promise<Release | undefined> {
    let workspace = this.workspaces.get(workspaceId);
    if (workspace === undefined) {
      workspace = { running: 0, waiting: [] };
      this.workspaces.set(workspaceId, workspace);
    }
    if (workspace.running < this.limit) {
      workspace.running++;
      return Promise.resolve(this.releaseOf(workspaceId, workspace));
    }
    if (this.queueWaitMs === 0 || signal?.aborted === true) return Promise.resolve(undefined);
    const queue = workspace.waiting;
    return new Promise((resolve) => {
      const giveUp = () => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        clearTimeout(timer);
        signal?.removeEventListener('abort', giveUp);
        resolve(undefined);
      };
      const waiter = (release: Release | undefined) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', giveUp);
        resolve(release);
      };
      const timer = setTimeout(giveUp, this.queueWaitMs);
      signal?.addEventListener('abort', giveUp, { once: true });
      queue.push(waiter);
    });
  }

  /** How many requests of the workspace run now (for tests and metrics). */
  runningFor(workspaceId: string): number {
    return this.workspaces.get(workspaceId)?.running ?? 0;
  }

  private releaseOf(workspaceId: string, workspace: Workspace): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The place goes straight to the first waiter, so a newcomer cannot overtake the queue.
      const next = workspace.waiting.shift();
      if (next !== undefined) {
        next(this.releaseOf(workspaceId, workspace));
        return;
      }
      workspace.running--;
      if (workspace.running === 0) this.workspaces.delete(workspaceId);
    };
  }
}

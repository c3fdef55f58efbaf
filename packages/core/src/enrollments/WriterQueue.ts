/**
 * The writers of each enrollment in this process, one at a time, first come first served. Without it, N concurrent
 * writers of one enrollment race for the same next `seq`, N−1 lose, reload and race again: the work grows with N²
 * and slows every other request of the process. Queued, they append one after another and never lose to each
 * other (they still can to another process, which the unique insert settles). A writer that would wait past its
 * deadline gives up instead, so a hot enrollment answers 409 with `Retry-After` within a stated bound rather than
 * queueing without end. Other enrollments have queues of their own and never wait here.
 */
export class WriterQueue {
  /** The last writer in line for each key: a promise that settles once it and everyone before it are done. */
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `work` once the writers ahead of it for `key` are done; throws `tooLong()` if they are not by `deadline` (ms since the epoch). */
  async run<T>(key: string, deadline: number, work: () => Promise<T>, tooLong: () => Error): Promise<T> {
    const ahead = this.#tails.get(key);
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const tail = ahead === undefined ? mine : ahead.then(() => mine);
    this.#tails.set(key, tail);
    try {
      if (ahead !== undefined && !(await settlesBy(ahead, deadline))) throw tooLong();
      return await work();
    } finally {
      done();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** How many keys have writers in line; for tests. */
  get busyKeys(): number {
    return this.#tails.size;
  }
}

/** True if the promise settles before the deadline, false if the deadline comes first. */
async function settlesBy(promise: Promise<void>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()))));
  try {
    return await Promise.race([promise.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

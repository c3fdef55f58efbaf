/**
 * The streams one dispatcher is sending to, each in a lane of its own: a lane sends one stream (an endpoint and
 * an enrollment) to its end, then takes the next queued one. Up to `limit()` lanes run at once, and a stream is in
 * at most one lane, so a receiver that hangs holds one lane — its own stream's — and nothing else: the other
 * streams go on in the other lanes, and a run that finds the hanging stream due again leaves it alone (and asks to
 * be woken when it frees, for what was appended to it meanwhile).
 */
export class StreamLanes<S> {
  readonly #queued = new Map<string, S>();
  readonly #sending = new Set<string>();
  /** Streams a run found due while they were being sent: when one frees, `freed` is called so it is looked at again. */
  readonly #waiting = new Set<string>();
  readonly #lanes = new Set<Promise<void>>();

  constructor(
    private readonly limit: () => number,
    private readonly send: (stream: S) => Promise<number>,
    private readonly freed: () => void,
  ) {}

  /**
   * Queues the streams found due (the newest listing of a queued stream replaces the older; one being sent is left
   * to its lane) and opens lanes up to the limit. Resolves, with how many messages they delivered, once the lanes
   * opened by this call have ended: a caller that must see its run through awaits it, the background loop does not.
   */
  async offer(streams: ReadonlyMap<string, S>): Promise<number> {
    for (const [key, stream] of streams) {
      if (this.#sending.has(key)) this.#waiting.add(key);
      else this.#queued.set(key, stream);
    }
    let delivered = 0;
    const opened: Promise<void>[] = [];
    // A lane takes its first stream as it opens (synchronously), so the queue shrinks as lanes open.
    while (this.#lanes.size < this.limit() && this.#queued.size > 0) {
      const lane = this.#lane((count) => (delivered += count)).finally(() => this.#lanes.delete(lane));
      this.#lanes.add(lane);
      opened.push(lane);
    }
    await Promise.all(opened);
    return delivered;
  }

  /** Resolves once no lane runs (a stopping worker lets its deliveries end before it closes the store). */
  async settle(): Promise<void> {
    while (this.#lanes.size > 0) await Promise.all([...this.#lanes]);
  }

  async #lane(tally: (delivered: number) => void): Promise<void> {
    for (let next = this.#take(); next !== undefined; next = this.#take()) {
      const [key, stream] = next;
      this.#sending.add(key);
      try {
        tally(await this.send(stream));
      } catch {
        // `send` reports its own failures; a lane must outlive them.
      } finally {
        this.#sending.delete(key);
        if (this.#waiting.delete(key)) this.freed();
      }
    }
  }

  #take(): [string, S] | undefined {
    const first = this.#queued.entries().next();
    if (first.done === true) return undefined;
    this.#queued.delete(first.value[0]);
    return first.value;
  }
}

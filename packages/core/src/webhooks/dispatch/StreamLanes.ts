/** How a dispatcher's lanes are shared: how many at once, and how many of them one endpoint may hold. */
export interface LaneLimits {
  readonly lanes: () => number;
  readonly perEndpoint: () => number;
}

/**
 * The streams one dispatcher is sending to, each in a lane of its own: a lane sends one stream (an endpoint and an
 * enrollment) to its end, then takes the next queued one. Up to `lanes()` run at once, at most `perEndpoint()` of
 * them for one endpoint, and a stream is in at most one lane. So a receiver that hangs holds its own streams' lanes
 * and nothing else: other streams go on in other lanes, a run that finds a hanging stream due again leaves it to
 * its lane, and an endpoint whose every request hangs cannot take every lane from the others.
 */
export class StreamLanes<S> {
  readonly #queued = new Map<string, S>();
  readonly #sending = new Set<string>();
  readonly #perEndpoint = new Map<string, number>();
  readonly #lanes = new Set<Promise<void>>();

  constructor(
    private readonly limits: LaneLimits,
    private readonly send: (stream: S) => Promise<number>,
  ) {}

  /**
   * Queues the streams found due (the newest listing of a queued stream replaces the older; one being sent is left
   * to its lane) and opens lanes up to the limits. Resolves, with how many messages they delivered, once the lanes
   * opened by this call have ended: a caller that must see its run through awaits it, the background loop does not.
   * Keys are `endpointId/…`.
   */
  async offer(streams: ReadonlyMap<string, S>): Promise<number> {
    for (const [key, stream] of streams) if (!this.#sending.has(key)) this.#queued.set(key, stream);
    let delivered = 0;
    const opened: Promise<void>[] = [];
    // A lane takes its first stream as it opens (synchronously), so the queue shrinks as lanes open.
    while (this.#lanes.size < this.limits.lanes() && this.#next() !== undefined) {
      const lane = this.#lane((count) => (delivered += count)).finally(() => this.#lanes.delete(lane));
      this.#lanes.add(lane);
      opened.push(lane);
    }
    await Promise.all(opened);
    return delivered;
  }

  /** Whether queued streams wait for a lane (every lane is busy): a listing now would only queue more. */
  get saturated(): boolean {
    return this.#next() !== undefined;
  }

  /** Resolves once no lane runs (a stopping worker lets its deliveries end before it closes the store). */
  async settle(): Promise<void> {
    while (this.#lanes.size > 0) await Promise.all([...this.#lanes]);
  }

  async #lane(tally: (delivered: number) => void): Promise<void> {
    for (let key = this.#next(); key !== undefined; key = this.#next()) {
      const stream = this.#queued.get(key)!;
      this.#queued.delete(key);
      const endpoint = endpointOf(key);
      this.#sending.add(key);
      this.#perEndpoint.set(endpoint, (this.#perEndpoint.get(endpoint) ?? 0) + 1);
      try {
        tally(await this.send(stream));
      } catch {
        // `send` reports its own failures; a lane must outlive them.
      } finally {
        this.#sending.delete(key);
        const left = this.#perEndpoint.get(endpoint)! - 1;
        if (left === 0) this.#perEndpoint.delete(endpoint);
        else this.#perEndpoint.set(endpoint, left);
      }
    }
  }

  /** The first queued stream whose endpoint has a lane to spare. */
  #next(): string | undefined {
    const most = this.limits.perEndpoint();
    for (const key of this.#queued.keys()) if ((this.#perEndpoint.get(endpointOf(key)) ?? 0) < most) return key;
    return undefined;
  }
}

const endpointOf = (key: string): string => key.slice(0, key.indexOf('/'));

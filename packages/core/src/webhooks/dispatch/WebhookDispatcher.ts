import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { type BackgroundTask, type Clock, type CoreSettings, type CoreLogger, type CoreMetrics, CORE_TOKENS, STORE_TOKENS } from '../../platform/index.js';
import type { WebhookEndpoint } from '../WebhookEndpoint.js';
import type { WebhookMessage } from '../WebhookMessage.js';
import type { CursorRepository } from '../ports/CursorRepository.js';
import { EventAppendSignal, type EventFeedRepository, SettledFeed, type TouchedEnrollment } from '../../enrollments/index.js';
import type { WebhookEndpointRepository } from '../ports/WebhookEndpointRepository.js';
import type { WebhookMessageRepository } from '../ports/WebhookMessageRepository.js';
import { inParallel } from './inParallel.js';
import { WebhookDelivery } from './WebhookDelivery.js';
import { WebhookFanOut } from './WebhookFanOut.js';
import { StreamLanes } from './StreamLanes.js';

/** One endpoint's pending messages of one enrollment (or one workspace-level message), and the run's endpoint lookup. */
interface Stream {
  readonly messages: WebhookMessage[];
  readonly endpointsOf: (workspaceId: string) => Promise<readonly WebhookEndpoint[]>;
}

/** The webhook feed's position in the cursors. */
export const WEBHOOK_FEED_CURSOR = 'webhooks:feed';
/** Where a dispatcher that never ran starts reading the feed: a minute back, for events written while it started. */
const FIRST_START_BACK_MS = 60_000;

/**
 * The webhook dispatcher, a background task of `flexroll worker` (and of the embedded `flexroll serve`). Each run:
 * find enrollments with new events (appends in this process, and the event feed for everyone else's), fan their
 * events out into messages, then send what is due. Messages go in streams — one per endpoint and enrollment — and
 * only the lowest pending `seq` of a stream is sent, so each endpoint gets an enrollment's events in order and a
 * failing one holds back only its own enrollment's later events. Streams are sent to in parallel, each in a lane
 * of its own, up to `webhookConcurrency` ({@link StreamLanes}); under the background loop a run does not wait for
 * them ({@link startOnce}), so a hanging receiver holds back its own stream and nothing else. Several dispatchers may
 * run at once: attempts are claimed by unique inserts.
 */
@injectable()
export class WebhookDispatcher implements BackgroundTask {
  readonly name = 'webhooks';
  readonly #feed: SettledFeed;
  readonly #lanes: StreamLanes<Stream>;
  #wokenSinceRun = false;
  #wake: (() => void) | undefined;
  /** Deliveries of started streams that ended since the background loop last asked. */
  #unreported = 0;

  constructor(
    @inject(STORE_TOKENS.webhookEndpoints) private readonly endpoints: WebhookEndpointRepository,
    @inject(STORE_TOKENS.webhookMessages) private readonly messages: WebhookMessageRepository,
    @inject(STORE_TOKENS.eventFeed) feed: EventFeedRepository,
    @inject(STORE_TOKENS.cursors) cursors: CursorRepository,
    @inject(WebhookFanOut) private readonly fanOut: WebhookFanOut,
    @inject(WebhookDelivery) private readonly delivery: WebhookDelivery,
    @inject(new LazyServiceIdentifier(() => EventAppendSignal)) private readonly signal: EventAppendSignal,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
    @inject(CORE_TOKENS.metrics) private readonly metrics: CoreMetrics,
  ) {
    this.#feed = new SettledFeed(feed, cursors, clock, { key: WEBHOOK_FEED_CURSOR, settleMs: settings.feedSettleMs, startBackMs: FIRST_START_BACK_MS });
    // An endpoint may hold three quarters of the lanes (24 of 32): one whose every request hangs leaves a quarter
    // to the others, and one busy endpoint still gets most of them.
    const lanes = { lanes: () => settings.webhookConcurrency, perEndpoint: () => Math.max(1, settings.webhookConcurrency - Math.floor(settings.webhookConcurrency / 4)) };
    this.#lanes = new StreamLanes(lanes, (stream) => this.sendOne(stream));
  }

  get intervalMs(): number {
    return this.settings.webhookPollIntervalMs;
  }

  /** Appends in this process end the pause at once (see BackgroundTask.onWake). */
  onWake(wake: () => void): () => void {
    this.signal.listen(() => this.#poke());
    if (this.#wokenSinceRun) queueMicrotask(wake);
    else this.#wake = wake;
    return () => {
      this.#wake = undefined;
    };
  }

  /** One run, seen through: resolves with the number of messages delivered by the streams it started. */
  async runOnce(): Promise<number> {
    return this.#lanes.offer(await this.findDue());
  }

  /**
   * One run as the background loop makes it: the due streams are started, and the loop goes on without waiting for
   * them, so a receiver that hangs holds back only its own stream. Resolves with the messages delivered since the
   * last start.
   */
  async startOnce(): Promise<number> {
    // While queued streams still wait for a lane, the run fans out but does not list the pending messages again:
    // under a backlog, listing them all every poll would cost more than sending them.
    const due = this.#lanes.saturated ? await this.fanOutOnly() : await this.findDue();
    void this.#lanes.offer(due).then((delivered) => (this.#unreported += delivered));
    const delivered = this.#unreported;
    this.#unreported = 0;
    return delivered;
  }

  /** Resolves once every stream started by {@link startOnce} has ended. */
  settleStarted(): Promise<void> {
    return this.#lanes.settle();
  }

  #poke(): void {
    this.#wokenSinceRun = true;
    this.#wake?.();
  }

  private async fanOutOnly(): Promise<Map<string, Stream>> {
    this.#wokenSinceRun = false;
    await this.fanOutNew(memoize((workspaceId: string) => this.endpoints.listForWorkspace(workspaceId)));
    return new Map();
  }

  /** Fans new events out, then groups the pending messages in streams, by endpoint and enrollment. */
  private async findDue(): Promise<Map<string, Stream>> {
    this.#wokenSinceRun = false;
    const endpointsOf = memoize((workspaceId: string) => this.endpoints.listForWorkspace(workspaceId));
    await this.fanOutNew(endpointsOf);
    const streams = new Map<string, Stream>();
    const pending = await this.messages.listPending();
    const byWorkspace = new Map<string, number>();
    for (const message of pending) byWorkspace.set(message.workspaceId, (byWorkspace.get(message.workspaceId) ?? 0) + 1);
    this.metrics.webhooksPending(byWorkspace);
    for (const message of pending) {
      const key = `${message.endpointId}/${message.enrollmentId ?? message.id}`;
      const stream = streams.get(key);
      if (stream === undefined) streams.set(key, { messages: [message], endpointsOf });
      else stream.messages.push(message);
    }
    return streams;
  }

  private async fanOutNew(endpointsOf: (workspaceId: string) => Promise<readonly WebhookEndpoint[]>): Promise<void> {
    const fanOut = async (enrollments: Iterable<TouchedEnrollment>) => {
      const touched = new Map<string, TouchedEnrollment>();
      for (const { workspaceId, enrollmentId } of enrollments) touched.set(`${workspaceId}/${enrollmentId}`, { workspaceId, enrollmentId });
      await inParallel([...touched.values()], this.settings.webhookConcurrency, ({ workspaceId, enrollmentId }) => this.fanOut.fanOut(workspaceId, enrollmentId, endpointsOf));
    };
    await fanOut(this.signal.drain());
    await this.readFeed(fanOut);
  }

  /**
   * Fans out the enrollments with events in the seconds settled since the last run, each event read once (ADR
   * 0018). Each second's enrollments are fanned out before the feed's position moves past it: a worker killed in
   * between leaves the position behind (the next reader reads that second again, idempotently), never ahead of
   * events it had not fanned out. With no enabled endpoint anywhere nothing is owed (an endpoint takes events only
   * from its creation on, and the seconds passed here settled before this listing), so the feed moves on without
   * reading.
   */
  private async readFeed(fanOut: (enrollments: Iterable<TouchedEnrollment>) => Promise<void>): Promise<void> {
    const settled = this.#feed.settledBound();
    if (!(await this.#feed.due())) return;
    if (!(await this.endpoints.listAll()).some((endpoint) => endpoint.status === 'enabled')) return this.#feed.skip(settled);
    await this.#feed.read((events) => fanOut(events));
  }

  /** Sends one stream; a failure (a store hiccup, a secret that cannot be opened) is logged and stops only it. */
  private async sendOne({ messages, endpointsOf }: Stream): Promise<number> {
    try {
      return await this.sendStream(messages, endpointsOf, this.clock.now().toISOString());
    } catch (error) {
      this.logger.error('webhook delivery failed', { endpointId: messages[0]!.endpointId, messageId: messages[0]!.id, error: error instanceof Error ? error.message : String(error) });
      return 0;
    }
  }

  /** Sends a stream's due messages in order, stopping at the first that is not delivered; how many were. */
  private async sendStream(stream: WebhookMessage[], endpointsOf: (workspaceId: string) => Promise<readonly WebhookEndpoint[]>, now: string): Promise<number> {
    let delivered = 0;
    stream.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.createdAt.localeCompare(b.createdAt));
    const endpoint = (await endpointsOf(stream[0]!.workspaceId)).find((candidate) => candidate.id === stream[0]!.endpointId);
    if (endpoint === undefined || endpoint.status !== 'enabled') return 0;
    for (const message of stream) {
      // The head of the stream must be delivered before the next is tried: order per enrollment.
      if ((message.nextAttemptAt ?? now) > now) return delivered;
      const outcome = await this.delivery.attempt(message, endpoint);
      if (outcome === 'delivered') delivered++;
      if (outcome !== 'delivered' && outcome !== 'repaired') return delivered;
      if (outcome === 'repaired' && (await this.messages.get(message.workspaceId, message.id))?.state === 'pending') return delivered;
    }
    return delivered;
  }
}

/** A function's answers kept for the run, so that one run asks the store once per workspace. */
function memoize<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const known = new Map<string, Promise<T>>();
  return (key) => {
    let answer = known.get(key);
    if (answer === undefined) known.set(key, (answer = load(key)));
    return answer;
  };
}

import type { DeliveryAttempt, DeliveryAttemptRepository } from '../../webhooks/index.js';
import type { Clock } from '../Clock.js';
import type { CoreLogger } from '../CoreLogger.js';
import { claimNextAttempt, finishAttempt } from '../leases/claimNextAttempt.js';
import { Lease } from '../leases/Lease.js';
import { type Backoff, longestWait, waitAfter } from './Backoff.js';

const BATCH = 100;
const ABANDONED = 'the worker making this attempt stopped before it finished (its lease expired)';

/** What the loop needs of an outbox item: who it is, its enrollment's order, and its attempts so far. */
export interface OutboxItemState {
  readonly id: string;
  readonly workspaceId: string;
  readonly enrollmentId: string;
  readonly seq: number;
  readonly status: string;
  readonly attempts: number;
  readonly attemptLimit: number;
  readonly nextAttemptAt: string;
  readonly lastError?: string;
  readonly updatedAt: string;
}

/** The items of an outbox: the pending ones of every workspace, and a plain replace (never a guard). */
export interface OutboxItems<Item> {
  listPending(limit: number): Promise<readonly Item[]>;
  replace(item: Item): Promise<void>;
}

/** How one attempt failed, in words fit for the item and the logs (no personal data, no secret). */
export interface AttemptFailure {
  readonly error: string;
  /** The work can never succeed (its subject is gone): the item is dead at once, without a back-off. */
  readonly final?: boolean;
  /** The other side said how long to wait (a `Retry-After`): the next attempt's wait, capped at the back-off's longest. */
  readonly retryAfterMs?: number;
}

/** What differs between two outboxes: the work of an attempt, what its failures mean, and the words of a done item. */
export interface OutboxWork<Item extends OutboxItemState> {
  /** How long an attempt's claim lasts unrenewed, and the wait after each failure: the work's row of `retriedWork`. */
  retried(): { readonly leaseMs: number; readonly backoff: Backoff };
  /** The warning logged at each failed attempt. */
  readonly failureMessage: string;
  /** The attempt's work, run while its lease is held; a throw is a failed attempt. */
  perform(item: Item): Promise<void>;
  /** A thrown failure, described. */
  failureOf(thrown: unknown, item: Item): AttemptFailure;
  /** The item once its work is done (`delivered`, `sent`), after `attempts` attempts. */
  done(item: Item, attempts: number, at: string): Item;
  /** Context for the failure's log line beside the item's ids (an adapter's id). */
  logContext?(item: Item): Readonly<Record<string, unknown>>;
  /** After a failure is settled (`dead`: no attempt is left): what else the outbox records of it. */
  afterFailure?(item: Item, attempt: number, error: string, dead: boolean): Promise<void>;
}

/**
 * The one attempt loop of the outboxes (ADR 0016): each pending item whose time has come, the earliest of each
 * enrollment first (a later one waits while an earlier one is undone, so they arrive in order). An attempt is claimed
 * in the attempts port (`claimNextAttempt`: a unique insert of `(item, attempt)`), so several workers never make the
 * same attempt, and held with a renewed {@link Lease} while the work runs; a claim whose worker died expires, counts
 * as a failed attempt, and the next is made at once. A failure waits the back-off (or the other side's `Retry-After`),
 * and after `attemptLimit` attempts the item is a dead letter. The adapter outbox and the customer mail outbox differ
 * only in their {@link OutboxWork}.
 */
export class OutboxAttempts<Item extends OutboxItemState> {
  constructor(
    private readonly items: OutboxItems<Item>,
    private readonly attempts: DeliveryAttemptRepository,
    private readonly clock: Clock,
    private readonly logger: CoreLogger,
    private readonly workerId: string,
    private readonly work: OutboxWork<Item>,
  ) {}

  /** One pass over the pending items: every one due now, the earliest of each enrollment; how many left the pending state. */
  async runDue(): Promise<number> {
    const now = this.clock.now().toISOString();
    const pending = await this.items.listPending(BATCH);
    let done = 0;
    for (const item of firstOfEachEnrollment(pending)) {
      if (item.nextAttemptAt <= now && (await this.attempt(item))) done++;
    }
    return done;
  }

  /** Claims and makes the next attempt of one item; true when the item left the pending state. */
  private async attempt(item: Item): Promise<boolean> {
    const { leaseMs } = this.work.retried();
    const claim = await claimNextAttempt(this.attempts, { workspaceId: item.workspaceId, subjectId: item.id, knownAttempts: item.attempts, claimedBy: this.workerId, now: this.clock.now(), leaseMs });
    if (claim.kind === 'busy') return false;
    // The item lags an attempt that finished (its worker died between the two writes): bring it up to date.
    if (claim.kind === 'stale') return this.repair(item, claim.last);
    if (claim.abandoned !== undefined) {
      // The dead worker's attempt counts as failed; unless it was the last allowed, this claim makes the next now.
      if (await this.settle(item, claim.abandoned.attempt, ABANDONED)) {
        await finishAttempt(this.attempts, claim.attempt, { outcome: 'abandoned', finishedAt: this.clock.now().toISOString(), error: ABANDONED });
        return true;
      }
      item = { ...item, attempts: claim.abandoned.attempt, lastError: ABANDONED };
    }
    const lease = new Lease(this.attempts, claim.attempt, leaseMs, this.clock);
    let failure: AttemptFailure | undefined;
    try {
      await lease.whileHeld(() => this.work.perform(item));
    } catch (thrown) {
      failure = this.work.failureOf(thrown, item);
    }
    const at = this.clock.now().toISOString();
    await finishAttempt(this.attempts, lease.attempt, { outcome: failure === undefined ? 'succeeded' : 'failed', finishedAt: at, ...(failure === undefined ? {} : { error: failure.error }) });
    if (failure?.final === true) {
      await this.items.replace({ ...item, status: 'dead', attempts: claim.attempt.attempt, lastError: failure.error, updatedAt: at });
      return true;
    }
    if (failure !== undefined) return this.settle(item, claim.attempt.attempt, failure.error, failure.retryAfterMs);
    await this.items.replace(this.work.done(item, claim.attempt.attempt, at));
    return true;
  }

  /** An item brought up to date with its last finished attempt; true when that left it done or dead. */
  private async repair(item: Item, last: DeliveryAttempt): Promise<boolean> {
    if (last.outcome !== 'succeeded') return this.settle(item, last.attempt, last.error ?? ABANDONED);
    await this.items.replace(this.work.done(item, last.attempt, last.finishedAt ?? this.clock.now().toISOString()));
    return true;
  }

  /**
   * A failed attempt: retried after the other side's `Retry-After` when it gave one, else after the jittered
   * back-off (retries spread out), or a dead letter. True when it is dead.
   */
  private async settle(item: Item, attempt: number, error: string, retryAfterMs?: number): Promise<boolean> {
    const now = this.clock.now();
    const dead = attempt >= item.attemptLimit;
    const { backoff } = this.work.retried();
    const waitMs = retryAfterMs === undefined ? waitAfter(backoff, attempt)! : Math.min(retryAfterMs, longestWait(backoff));
    const nextAttemptAt = new Date(now.getTime() + waitMs).toISOString();
    await this.items.replace({ ...item, status: dead ? 'dead' : 'pending', attempts: attempt, lastError: error, nextAttemptAt, updatedAt: now.toISOString() });
    this.logger.warn(this.work.failureMessage, { workspaceId: item.workspaceId, enrollmentId: item.enrollmentId, itemId: item.id, ...this.work.logContext?.(item), attempt, dead, error });
    await this.work.afterFailure?.(item, attempt, error, dead);
    return dead;
  }
}

/** Of the pending items, each enrollment's earliest: a later one waits for it, so an enrollment's items go out in order. */
function firstOfEachEnrollment<Item extends OutboxItemState>(pending: readonly Item[]): Item[] {
  const first = new Map<string, Item>();
  for (const item of pending) {
    const key = `${item.workspaceId}/${item.enrollmentId}`;
    const held = first.get(key);
    if (held === undefined || item.seq < held.seq) first.set(key, item);
  }
  return [...first.values()];
}

import type { Clock } from '../Clock.js';
import type { DeliveryAttempt, DeliveryAttemptRepository } from '../../webhooks/index.js';

/** A holder renews its lease when this share of it has passed: two renewals may fail before the lease runs out. */
export const LEASE_RENEWAL_SHARE = 1 / 3;

/**
 * A claimed attempt while its work runs: the platform's one lease model. The claim is the unique insert of the
 * attempt ({@link claimNextAttempt}); the lease says until when its holder is taken to be alive; a heartbeat renews
 * it every {@link LEASE_RENEWAL_SHARE} of its length, so work may run far longer than the lease while a killed
 * holder's claim frees one lease after its last beat. Time only decides when a takeover may happen; the fence is
 * the next attempt's unique insert (ADR 0013): a renewal that finds a later attempt, or its own attempt finished by
 * a taker, knows the lease is lost and stops renewing, and {@link held} turns false for good. A holder whose work
 * is bounded (a webhook POST by its timeout) renews only within `maxHoldMs` of its claim: a stuck call in a live
 * process then lets its lease run out like a dead one.
 */
export class Lease {
  #attempt: DeliveryAttempt;
  #lost = false;
  #timer: NodeJS.Timeout | undefined;
  #beat: Promise<void> = Promise.resolve();

  constructor(
    private readonly attempts: DeliveryAttemptRepository,
    attempt: DeliveryAttempt,
    private readonly leaseMs: number,
    private readonly clock: Clock,
    private readonly maxHoldMs = Number.POSITIVE_INFINITY,
  ) {
    this.#attempt = attempt;
  }

  /** The attempt as last renewed. */
  get attempt(): DeliveryAttempt {
    return this.#attempt;
  }

  /** Whether this holder may still act: not taken over, and not past its own expiry (a stall outlived it). */
  get held(): boolean {
    return !this.#lost && this.clock.now().getTime() < Date.parse(this.#attempt.leaseExpiresAt);
  }

  /** Starts the heartbeat (a timer that does not keep the process alive). */
  start(): this {
    this.#timer ??= setInterval(() => void this.renew(), Math.max(1, Math.floor(this.leaseMs * LEASE_RENEWAL_SHARE)));
    this.#timer.unref();
    return this;
  }

  /** Stops the heartbeat, once a renewal in progress has ended (so none lands after the holder's last write). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#beat;
  }

  /** One heartbeat, now: true while the lease is held. Renewals never overlap; a failed one is retried at the next. */
  renew(): Promise<boolean> {
    this.#beat = this.#beat.then(() => this.#renewOnce()).catch(() => undefined);
    return this.#beat.then(() => this.held);
  }

  async #renewOnce(): Promise<void> {
    if (!this.held) return void (this.#lost = true);
    if (this.clock.now().getTime() - Date.parse(this.#attempt.claimedAt) >= this.maxHoldMs) return;
    const { workspaceId, subjectId, attempt } = this.#attempt;
    const known = await this.attempts.listForSubject(workspaceId, subjectId);
    const own = known.find((candidate) => candidate.id === this.#attempt.id);
    if (own?.finishedAt !== undefined || known.some((candidate) => candidate.attempt > attempt)) return void (this.#lost = true);
    const leaseExpiresAt = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
    await this.attempts.renew(this.#attempt, leaseExpiresAt);
    this.#attempt = { ...this.#attempt, leaseExpiresAt };
  }

  /** Runs `work` with the heartbeat on, and stops it however the work ends (the attempt is the caller's to finish). */
  async whileHeld<T>(work: (lease: Lease) => Promise<T>): Promise<T> {
    this.start();
    try {
      return await work(this);
    } finally {
      await this.stop();
    }
  }
}

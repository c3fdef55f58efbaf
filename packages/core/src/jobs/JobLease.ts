import { randomBytes } from 'node:crypto';
import { type Clock, claimNextAttempt, finishAttempt, Lease } from '../platform/index.js';
import type { DeliveryAttemptRepository } from '../webhooks/index.js';
import type { Job } from './Job.js';

/**
 * A worker's hold on a job: the one lease model — a numbered attempt at the job claimed in the attempts port (a
 * unique insert of `(jobId, n)`), renewed by a heartbeat while the job runs. A dead worker's attempt runs out one
 * lease after its last beat, and the next claimant inserts attempt n + 1, which fences it. Holding a job is about
 * not doing work twice, not about correctness: every row a job writes is guarded by its own unique insert, so two
 * workers on one job (a stalled one past its lease) waste effort, nothing more.
 */
export class JobLease {
  /** This worker, in attempts. */
  readonly owner = `worker_${randomBytes(8).toString('hex')}`;

  constructor(
    private readonly attempts: DeliveryAttemptRepository,
    private readonly clock: Clock,
    private readonly leaseMs: number,
  ) {}

  /** Takes the job: its lease (not yet renewing; see `Lease.whileHeld`), or undefined when another worker holds it. */
  async take(job: Job): Promise<Lease | undefined> {
    const claim = await claimNextAttempt(this.attempts, { workspaceId: job.workspaceId, subjectId: job.id, claimedBy: this.owner, now: this.clock.now(), leaseMs: this.leaseMs });
    return claim.kind === 'claimed' ? new Lease(this.attempts, claim.attempt, this.leaseMs, this.clock) : undefined;
  }

  /** Lets the job go (it is done, or nothing is left for this worker to do): the next claimant need not wait. */
  async release(lease: Lease): Promise<void> {
    await finishAttempt(this.attempts, lease.attempt, { outcome: 'succeeded', finishedAt: this.clock.now().toISOString() });
  }
}

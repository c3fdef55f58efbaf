import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock/Clock.js';
import type { ClaimRepository } from '../ports/ClaimRepository.js';
import { newClaim, releaseOwned } from '../services/ownedClaims.js';
import type { Job } from './Job.js';

/**
 * A worker's hold on a job, for one slot of time at a time: a unique insert of the claim `job:<id>:lease:<slot>`,
 * where the slot is the clock divided into `leaseMs` spans. No update is ever relied on (FerretDB does not re-check
 * an update's filter), and nothing needs to expire: a dead worker's slot simply ends, and the next slot is
 * anyone's. Holding a job is about not doing work twice, not about correctness: every row a job writes is
 * guarded by its own unique insert, so two workers on one job (a slow one past its slot) waste effort, nothing more.
 */
export class JobLease {
  /** This worker, in claims. */
  readonly owner = `worker_${randomBytes(8).toString('hex')}`;

  constructor(
    private readonly claims: ClaimRepository,
    private readonly clock: Clock,
    private readonly leaseMs: number,
  ) {}

  /** The slot the clock is in now. */
  slot(): number {
    return Math.floor(this.clock.now().getTime() / this.leaseMs);
  }

  /** Takes the job for a slot; true if this worker holds it (it may have held it already). */
  async take(job: Job, slot: number): Promise<boolean> {
    const key = leaseKey(job, slot);
    if ((await this.claims.claim(newClaim(job.workspaceId, key, this.owner, this.clock.now(), this.leaseMs))) === 'inserted') return true;
    return (await this.claims.get(job.workspaceId, key))?.ownerId === this.owner;
  }

  /** Lets a slot go early (the job is done, or this worker moved on to the next slot). */
  async release(job: Job, slot: number): Promise<void> {
    await releaseOwned(this.claims, job.workspaceId, leaseKey(job, slot), this.owner);
  }
}

function leaseKey(job: Job, slot: number): string {
  return `job:${job.id}:lease:${slot}`;
}

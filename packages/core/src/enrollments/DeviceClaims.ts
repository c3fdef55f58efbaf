import { inject, injectable } from 'inversify';
import { ConflictError } from '@flexroll/sdk';
import { type Clock, type CoreSettings, type Claim, type ClaimRepository, CORE_TOKENS, STORE_TOKENS, newClaim } from '../platform/index.js';
import { EnrollmentLog, type Author } from './EnrollmentLog.js';
import { WriterQueue } from './WriterQueue.js';
import type { Enrollment } from './Enrollment.js';

const FINISHED_STATUSES = new Set(['ineligible', 'rejected', 'unenrolled']);
/** How soon a request waiting for another process's creation of its device looks again; it backs off to 250 ms. */
const FIRST_POLL_MS = 20;
/** How many times a claim is tried (each a removal or takeover of what held it) before giving up. */
const MAX_TRIES = 10;
const AUTHOR: Author = { actor: { type: 'system', id: 'device-claims' }, source: 'device-claims' };

/**
 * "At most one active enrollment per device per program instance" (DESIGN §3), kept with unique inserts only:
 *
 * - Before an enrollment becomes active on a device — created, or re-evaluated out of `ineligible`/`rejected` — the
 *   decision inserts a claim for the device, keyed `device:<programInstanceId>:<serialNumber>`, with an id of its own.
 *   A claim this enrollment already holds is replaced, never reused: its id may be the one a taker has read.
 * - A claim held by another enrollment is taken over only after that owner's log is *fenced*: an
 *   `enrollment.device_released` event appended at the owner's next `seq` (seq 1 for a creation that never wrote).
 *   The owner's own append at that `seq` — its creation, or its return to `candidate` — can then only lose, and it
 *   decides again, seeing the device gone. Only after the fence is the claim it read removed, by its id.
 * - An owner whose enrollment does not exist yet is a creation in progress while the claim's lease lasts
 *   (`deviceClaimLeaseMs`); a creation that outlives it is fenced off and refused, never doubled.
 * - Claims are not released when an enrollment finishes: releasing races with the same enrollment's own return to
 *   `candidate`. A finished owner's claim is taken over, with its fence, by the next enrollment of the device.
 * - In one process, creations of one device take turns ({@link DeviceClaims.inTurn}): the second finds the first
 *   done and is answered at once, rather than every waiter polling the store.
 */
@injectable()
export class DeviceClaims {
  readonly #creations = new WriterQueue();

  constructor(
    @inject(STORE_TOKENS.claims) private readonly claims: ClaimRepository,
    @inject(EnrollmentLog) private readonly log: EnrollmentLog,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
  ) {}

  /** An enrollment no longer holds its device once it is deleted or in a finished status. */
  static isFinished(enrollment: Enrollment): boolean {
    return enrollment.deletedAt !== undefined || FINISHED_STATUSES.has(enrollment.eligibility.status);
  }

  /**
   * Runs `work` — a claim and the creation it guards — after this process's other creations of the same device, or
   * throws 409 `device_claim_contended` if they take longer than the contention budget.
   */
  async inTurn<T>(workspaceId: string, programInstanceId: string, serialNumber: string | undefined, work: () => Promise<T>): Promise<T> {
    if (serialNumber === undefined) return work();
    const deadline = Date.now() + this.settings.contentionBudgetMs;
    return this.#creations.run(`${workspaceId}/${claimKey(programInstanceId, serialNumber)}`, deadline, work, () => contended(serialNumber));
  }

  /**
   * Takes the device for `ownerId`, or throws 409 `device_already_enrolled` (another enrollment is active on it) or
   * `device_claim_contended` (another creation of it is still in progress after the contention budget).
   */
  async claim(workspaceId: string, programInstanceId: string, serialNumber: string | undefined, ownerId: string): Promise<void> {
    if (serialNumber === undefined) return;
    const key = claimKey(programInstanceId, serialNumber);
    const deadline = Date.now() + this.settings.contentionBudgetMs;
    let pause = FIRST_POLL_MS;
    for (let tries = 0; tries < MAX_TRIES; ) {
      if ((await this.claims.claim(this.newClaim(workspaceId, key, ownerId))) === 'inserted') return;
      const holder = await this.claims.get(workspaceId, key);
      tries++;
      if (holder === undefined) continue;
      if (holder.ownerId === ownerId) {
        await this.claims.remove(workspaceId, key, holder.id);
        continue;
      }
      const verdict = await this.fence(holder, serialNumber, ownerId);
      if (verdict === 'fenced') await this.claims.remove(workspaceId, key, holder.id);
      else if (verdict === 'active') throw alreadyEnrolled(serialNumber, holder.ownerId, programInstanceId);
      else if (Date.now() >= deadline) throw contended(serialNumber);
      else {
        tries--; // waiting for a creation in progress is bounded by the deadline, not by tries
        await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
        pause = Math.min(250, pause * 2);
      }
    }
    throw contended(serialNumber);
  }

  /**
   * Within a change: an enrollment that leaves a finished status for an active one takes its device again first.
   * Throws (and so refuses the change) when another enrollment holds the device.
   */
  async claimIfReactivated(before: Enrollment, after: Enrollment): Promise<void> {
    if (DeviceClaims.isFinished(before) && !DeviceClaims.isFinished(after)) {
      await this.claim(after.workspaceId, after.programInstanceId, after.serialNumber, after.id);
    }
  }

  /**
   * Appends the release to the holder's log if the holder does not hold the device any more: `active` if it does,
   * `in_progress` if it is a creation still within its lease, `fenced` once the release is in its log.
   */
  private async fence(holder: Claim, serialNumber: string, claimant: string): Promise<'active' | 'in_progress' | 'fenced'> {
    const owner = await this.log.load(holder.workspaceId, holder.ownerId);
    const release = { type: 'enrollment.device_released', data: { serialNumber, claimedBy: claimant, reason: '' } } as const;
    if (owner === undefined) {
      if (this.clock.now().toISOString() < holder.leaseUntil) return 'in_progress';
      const reason = `Its creation did not finish within the device claim's lease; the device went to ${claimant}.`;
      return (await this.log.fenceUncreated(holder.workspaceId, holder.ownerId, AUTHOR, { ...release, data: { ...release.data, reason } })) ? 'fenced' : 'in_progress';
    }
    if (!DeviceClaims.isFinished(owner)) return 'active';
    const reason = `The enrollment had finished; the device went to ${claimant}.`;
    let active = false;
    await this.log.change(holder.workspaceId, holder.ownerId, AUTHOR, (change) => {
      active = !DeviceClaims.isFinished(change.current);
      if (!active) change.add({ ...release, data: { ...release.data, reason } });
    });
    return active ? 'active' : 'fenced';
  }

  private newClaim(workspaceId: string, key: string, ownerId: string): Claim {
    return newClaim(workspaceId, key, ownerId, this.clock.now(), this.settings.deviceClaimLeaseMs);
  }
}

function claimKey(programInstanceId: string, serialNumber: string): string {
  return `device:${programInstanceId}:${serialNumber}`;
}

function alreadyEnrolled(serialNumber: string, holder: string, programInstanceId: string): ConflictError {
  return new ConflictError(
    'device_already_enrolled',
    `Device with serialNumber '${serialNumber}' already has an active enrollment (${holder}) in program instance '${programInstanceId}'.`,
  );
}

function contended(serialNumber: string): ConflictError {
  return new ConflictError('device_claim_contended', `Device '${serialNumber}' is being enrolled by another request; retry in a second.`, undefined, { retryAfterSeconds: 1 });
}

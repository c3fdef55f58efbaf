import { inject, injectable } from 'inversify';
import { ConflictError } from '@flexroll/sdk';
import type { Clock } from '../clock/Clock.js';
import type { Enrollment } from '../model/Enrollment.js';
import type { ClaimRepository } from '../ports/ClaimRepository.js';
import { CORE_TOKENS, STORE_TOKENS } from '../tokens.js';

const FINISHED_STATUSES = new Set(['ineligible', 'rejected', 'unenrolled']);

/**
 * "At most one active enrollment per device per program instance", kept by a unique insert of a claim named
 * after the device. A claim left behind by a crash (its enrollment never written, or since finished) is
 * recognised by asking whether its owner is still active, and taken over.
 */
@injectable()
export class DeviceClaims {
  constructor(
    @inject(STORE_TOKENS.claims) private readonly claims: ClaimRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** An enrollment no longer holds its device once it is deleted or in a finished status. */
  static isFinished(enrollment: Enrollment): boolean {
    return enrollment.deletedAt !== undefined || FINISHED_STATUSES.has(enrollment.eligibility.status);
  }

  async claim(
    workspaceId: string,
    programInstanceId: string,
    serialNumber: string | undefined,
    ownerId: string,
    isOwnerActive: (ownerId: string) => Promise<boolean>,
  ): Promise<void> {
    if (serialNumber === undefined) return;
    const key = claimKey(programInstanceId, serialNumber);
    for (let attempt = 0; attempt < 3; attempt++) {
      const claim = { workspaceId, key, ownerId, claimedAt: this.clock.now().toISOString() };
      if ((await this.claims.claim(claim)) === 'inserted') return;
      const holder = await this.claims.get(workspaceId, key);
      if (holder !== undefined && (await isOwnerActive(holder.ownerId))) {
        throw new ConflictError(
          'device_already_enrolled',
          `Device with serialNumber '${serialNumber}' already has an active enrollment (${holder.ownerId}) in program instance '${programInstanceId}'.`,
        );
      }
      if (holder !== undefined) await this.claims.release(workspaceId, key, holder.ownerId);
    }
    throw new ConflictError('device_claim_contended', `Device '${serialNumber}' is being enrolled by another request; retry.`);
  }

  async release(workspaceId: string, programInstanceId: string, serialNumber: string | undefined, ownerId: string): Promise<void> {
    if (serialNumber !== undefined) await this.claims.release(workspaceId, claimKey(programInstanceId, serialNumber), ownerId);
  }

  /** Frees the device of an enrollment that has just finished; harmless to call on any enrollment. */
  async releaseIfFinished(enrollment: Enrollment): Promise<void> {
    if (DeviceClaims.isFinished(enrollment)) {
      await this.release(enrollment.workspaceId, enrollment.programInstanceId, enrollment.serialNumber, enrollment.id);
    }
  }
}

function claimKey(programInstanceId: string, serialNumber: string): string {
  return `device:${programInstanceId}:${serialNumber}`;
}

import { inject, injectable } from 'inversify';
import { InputError, NotFoundError, type EnrollmentStatus } from '@flexroll/sdk';
import type { Clock } from '../clock/Clock.js';
import { moveEnrollmentStatus } from '../enrollment/decisions.js';
import { ChangeRunner } from '../enrollment/ChangeRunner.js';
import { EnrollmentLog, type Author } from '../enrollment/EnrollmentLog.js';
import { checkIdentification, type CreateEnrollmentInput } from '../enrollment/identification.js';
import { decideDataChange } from '../enrollment/decideDataChange.js';
import { newCuid, newPrefixedId } from '../ids/ids.js';
import type { CallContext } from '../model/CallContext.js';
import type { Enrollment, EnrollmentChanges, EnrollmentData } from '../model/Enrollment.js';
import type { Page, PageRequest } from '../model/Page.js';
import type { Participation } from '../model/Participation.js';
import type { ProgramInstance } from '../model/ProgramInstance.js';
import type { EnrollmentFilter, EnrollmentProjectionRepository } from '../ports/EnrollmentProjectionRepository.js';
import type { ProgramInstanceRepository } from '../ports/ProgramInstanceRepository.js';
import { CORE_TOKENS, STORE_TOKENS } from '../tokens.js';
import { EligibilityScreening } from '../eligibility/EligibilityScreening.js';
import { EnrollmentChange } from '../enrollment/EnrollmentChange.js';
import { DeviceClaims } from './DeviceClaims.js';
import { IdentityResolver } from './IdentityResolver.js';

/** What PATCH may carry: data changes, a status move, or both (data first). */
export interface UpdateEnrollmentInput {
  readonly changes?: EnrollmentChanges;
  readonly status?: EnrollmentStatus;
  readonly reason?: string;
}

/** Enrollments (seed 004): create by any of the four identification types, read, list, change, move, delete. */
@injectable()
export class EnrollmentService {
  constructor(
    @inject(EnrollmentLog) private readonly log: EnrollmentLog,
    @inject(ChangeRunner) private readonly changes: ChangeRunner,
    @inject(IdentityResolver) private readonly identities: IdentityResolver,
    @inject(DeviceClaims) private readonly claims: DeviceClaims,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(EligibilityScreening) private readonly screening: EligibilityScreening,
  ) {}

  async create(context: CallContext, programInstanceId: string, input: CreateEnrollmentInput): Promise<Enrollment> {
    const instance = await this.requireInstance(context, programInstanceId);
    checkIdentification(input);
    const data: EnrollmentData = { ...(await this.identities.resolve(context, input)), programInstanceId: instance.id };
    const id = newCuid();
    const now = this.clock.now().toISOString();
    await this.claims.claim(context.workspaceId, instance.id, data.serialNumber, id, (owner) => this.isActive(context, owner));
    try {
      const enrollment: Omit<Enrollment, 'seq'> = {
        ...data,
        id,
        workspaceId: context.workspaceId,
        eligibility: { status: 'candidate' },
        ...(data.serialNumber === undefined ? {} : { participation: newParticipation(context.liveMode, now) }),
        createdAt: now,
        updatedAt: now,
      };
      // Screened as it is created, in the same batch: nobody ever reads an unscreened candidate of an instance with rules.
      const screening = new EnrollmentChange({ ...enrollment, seq: 1 }, now);
      await this.screening.screen(screening, this.changes.rulesForInstance(instance));
      const { enrollment: created } = await this.log.create(context.workspaceId, id, author(context), [
        { type: 'enrollment.created', data: { enrollment } },
        ...screening.drafts,
      ]);
      return created;
    } catch (error) {
      await this.claims.release(context.workspaceId, instance.id, data.serialNumber, id);
      throw error;
    }
  }

  /** The enrollment, up to date; a foreign, unknown or deleted id is the same NotFoundError. */
  async get(context: CallContext, id: string): Promise<Enrollment> {
    const enrollment = await this.log.load(context.workspaceId, id);
    if (enrollment === undefined || enrollment.deletedAt !== undefined) throw new NotFoundError('enrollment', id);
    return enrollment;
  }

  async list(context: CallContext, programInstanceId: string, filter: EnrollmentFilter, page: PageRequest): Promise<Page<Enrollment>> {
    await this.requireInstance(context, programInstanceId);
    return this.projections.list(context.workspaceId, { ...filter, programInstanceId }, page);
  }

  /** Changes data first, then moves the status; both are one change, decided on the enrollment as loaded once. */
  async update(context: CallContext, id: string, input: UpdateEnrollmentInput): Promise<Enrollment> {
    const result = await this.changes.run(context.workspaceId, id, author(context), async (change, rules) => {
      const current = change.current;
      if (current.deletedAt !== undefined) throw new NotFoundError('enrollment', id);
      if (input.changes?.serialNumber !== undefined && input.changes.serialNumber !== current.serialNumber) {
        throw new InputError('serialNumber cannot change once set; enroll the new device instead', [
          { field: '/serialNumber', rule: 'immutable', message: 'cannot change once the enrollment has a device' },
        ]);
      }
      const before = change.drafts.length;
      decideDataChange(change, input.changes ?? {});
      // New data is screened again (seed 004: terminal "unless enrollment criteria change"), unless the caller moves the status itself.
      if (input.status === undefined && change.drafts.length > before) await this.screening.screen(change, rules);
      if (input.status !== undefined) await moveEnrollmentStatus(change, rules, input.status, input.reason);
    });
    if (result === undefined) throw new NotFoundError('enrollment', id);
    return result.enrollment;
  }

  async delete(context: CallContext, id: string): Promise<void> {
    const result = await this.changes.run(context.workspaceId, id, author(context), (change) => {
      if (change.current.deletedAt !== undefined) throw new NotFoundError('enrollment', id);
      change.add({ type: 'enrollment.deleted', data: {} });
    });
    if (result === undefined) throw new NotFoundError('enrollment', id);
  }

  private async isActive(context: CallContext, enrollmentId: string): Promise<boolean> {
    const owner = await this.log.load(context.workspaceId, enrollmentId);
    return owner !== undefined && !DeviceClaims.isFinished(owner);
  }

  private async requireInstance(context: CallContext, id: string): Promise<ProgramInstance> {
    const instance = await this.instances.get(context.workspaceId, id);
    if (instance === undefined) throw new NotFoundError('program_instance', id);
    return instance;
  }
}

export function author(context: CallContext): Author {
  return { actor: context.actor, source: context.source };
}

export function newParticipation(liveMode: boolean, now: string): Participation {
  return {
    id: newPrefixedId('vpo'),
    liveMode,
    deviceId: newPrefixedId('dev'),
    locationId: newPrefixedId('loc'),
    accountId: newPrefixedId('acc'),
    state: 'ENROLMENT_REQUESTED',
    suspensionReasons: [],
    history: [{ state: 'ENROLMENT_REQUESTED', occurredAt: now, suspensionReasons: [] }],
    meterAccessAvailable: false,
    createdAt: now,
    updatedAt: now,
  };
}

import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { ConflictError, FlexrollError, InputError, NotFoundError, type EnrollmentStatus } from '@flexroll/sdk';
import { moveEnrollmentStatus } from './decisions.js';
import { ChangeRunner } from './ChangeRunner.js';
import { EnrollmentLog, type Author } from './EnrollmentLog.js';
import { checkIdentification, type CreateEnrollmentInput } from './identification.js';
import { decideDataChange } from './decideDataChange.js';
import { cuidFor, requireInInstanceScope, type CallContext, type CoreLogger, CORE_TOKENS, type Page, type PageRequest, STORE_TOKENS } from '../platform/index.js';
import type { Enrollment, EnrollmentChanges } from './Enrollment.js';
import type { ProgramInstance, ProgramInstanceRepository } from '../programs/index.js';
import type { EnrollmentFilter, EnrollmentProjectionRepository } from './ports/EnrollmentProjectionRepository.js';
import { EligibilityScreening } from '../screening/index.js';
import { DeviceClaims } from './DeviceClaims.js';
import { EnrollmentCreation, type OpeningDecision } from './EnrollmentCreation.js';

/** A list page is read again at most this often while it finds enrollments behind their log (after that, rows are loaded one by one). */
const MAX_LIST_READS = 3;

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
    @inject(EnrollmentCreation) private readonly creation: EnrollmentCreation,
    @inject(DeviceClaims) private readonly claims: DeviceClaims,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.enrollments) private readonly projections: EnrollmentProjectionRepository,
    @inject(new LazyServiceIdentifier(() => EligibilityScreening)) private readonly screening: EligibilityScreening,
    @inject(CORE_TOKENS.logger) private readonly logger: CoreLogger,
  ) {}

  /**
   * Creates an enrollment through {@link EnrollmentCreation}, as an import's rows are, its device claimed first (see
   * {@link DeviceClaims}). The id is derived from the request's operation when it is idempotent, so a retry of a
   * request that died after creating finds that enrollment and answers with it. A failed creation leaves its claim to lapse: whether its event reached the store cannot be known
   * here, and a claim removed under a created enrollment would let a second one in. `then`: more events decided on the
   * new enrollment, appended in its opening batch (see {@link EnrollmentCreation.opening}); an enrollment found created
   * earlier is answered as it stands, its batch having carried them.
   */
  async create(context: CallContext, programInstanceId: string, input: CreateEnrollmentInput, then?: OpeningDecision): Promise<Enrollment> {
    return this.createIn(context, await this.requireInstance(context, programInstanceId), input, then);
  }

  /** {@link create} in an instance the caller has just read (the enrollment page, which found it by its slug). */
  async createIn(context: CallContext, instance: ProgramInstance, input: CreateEnrollmentInput, then?: OpeningDecision): Promise<Enrollment> {
    if (instance.workspaceId !== context.workspaceId) throw new NotFoundError('program_instance', instance.id);
    requireInInstanceScope(context, instance.id, 'program_instance', instance.id);
    checkIdentification(input);
    const data = await this.creation.resolve(context, instance.id, input);
    const id = cuidFor(context.operation, 'enrollment');
    return this.claims.inTurn(context.workspaceId, instance.id, data.serialNumber, async () => {
      await this.claims.claim(context.workspaceId, instance.id, data.serialNumber, id);
      const enrollment = this.creation.record(context, id, data);
      // Screened as it is created, in the same batch: nobody ever reads an unscreened candidate of an instance with rules.
      const rules = this.changes.rulesForInstance(instance);
      const drafts = await this.creation.opening(enrollment, rules, await this.creation.rulesInForce(rules), then);
      try {
        const result = await this.log.create(context.workspaceId, id, author(context), drafts);
        await this.changes.followCreation(result.events, rules);
        return result.enrollment;
      } catch (error) {
        if (!(FlexrollError.is(error) && error.code === 'enrollment_exists')) throw error;
        return this.createdEarlier(context, id, data.serialNumber ?? '');
      }
    });
  }

  /**
   * The id is taken: by an earlier attempt of the same idempotent request (its enrollment is the answer), or by the
   * fence of a request that took the device over because this creation outlived its claim's lease.
   */
  private async createdEarlier(context: CallContext, id: string, serialNumber: string): Promise<Enrollment> {
    const earlier = context.operation === undefined ? undefined : await this.log.load(context.workspaceId, id);
    if (earlier !== undefined) return earlier;
    throw new ConflictError('device_already_enrolled', `Device with serialNumber '${serialNumber}' was enrolled by another request while this one was in progress.`);
  }

  /** The enrollment, up to date; a foreign, unknown or deleted id is the same NotFoundError. */
  async get(context: CallContext, id: string): Promise<Enrollment> {
    const enrollment = await this.log.load(context.workspaceId, id);
    if (enrollment === undefined || enrollment.deletedAt !== undefined) throw new NotFoundError('enrollment', id);
    requireInInstanceScope(context, enrollment.programInstanceId, 'enrollment', id);
    return enrollment;
  }

  async list(context: CallContext, programInstanceId: string, filter: EnrollmentFilter, page: PageRequest): Promise<Page<Enrollment>> {
    await this.requireInstance(context, programInstanceId);
    // A page shows no enrollment older than GET does: one the log has moved past (a crash between its append and its
    // projection save) is repaired, and the page read again, so that its rows, filters and totals agree with the repair.
    for (let read = 1; ; read++) {
      const listed = await this.projections.list(context.workspaceId, { ...filter, programInstanceId }, page);
      const repaired = await this.log.repairListed(context.workspaceId, listed.data);
      if (repaired.length === 0) return listed;
      this.logger.info('listed enrollments were behind their log; repaired them', { workspaceId: context.workspaceId, enrollmentIds: repaired, read });
      if (read >= MAX_LIST_READS) return { ...listed, data: await Promise.all(listed.data.map(async (enrollment) => (await this.log.load(context.workspaceId, enrollment.id)) ?? enrollment)) };
    }
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
      decideDataChange(change, input.changes ?? {}, rules.instance);
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

  private async requireInstance(context: CallContext, id: string): Promise<ProgramInstance> {
    const instance = await this.instances.get(context.workspaceId, id);
    if (instance === undefined) throw new NotFoundError('program_instance', id);
    requireInInstanceScope(context, instance.id, 'program_instance', id);
    return instance;
  }
}

/** The author of a request's change: who, from where, and the request's precondition and instance scope. */
export function author(context: CallContext): Author {
  return {
    actor: context.actor,
    source: context.source,
    ...(context.operation === undefined ? {} : { operation: context.operation }),
    ...(context.ifMatch === undefined ? {} : { ifMatch: context.ifMatch }),
    ...(context.programInstanceIds === undefined ? {} : { programInstanceIds: context.programInstanceIds }),
  };
}

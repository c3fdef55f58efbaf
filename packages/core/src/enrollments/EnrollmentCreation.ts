import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { type Clock, newPrefixedId, type CallContext, CORE_TOKENS } from '../platform/index.js';
import type { InstanceRules } from './decisions.js';
import { EnrollmentChange } from './EnrollmentChange.js';
import type { CreateEnrollmentInput } from './identification.js';
import { EligibilityScreening, type VersionedEligibilityRules } from '../screening/index.js';
import type { Enrollment, EnrollmentData } from './Enrollment.js';
import type { EventDraft } from './EnrollmentEvent.js';
import type { Participation } from './Participation.js';
import { IdentityResolver } from './people/IdentityResolver.js';
import { openingDeadlines } from './deadlines/deadlineFold.js';
import { deadlineTerms, type DeadlineInstance } from './deadlines/deadlineTerms.js';

/** A new enrollment, not yet written: its record, as `enrollment.created` carries it. */
export type NewEnrollment = Omit<Enrollment, 'seq'>;

/** More of a creation's opening batch, decided on the new enrollment as created and screened (see {@link EnrollmentCreation.opening}). */
export type OpeningDecision = (change: EnrollmentChange, rules: InstanceRules) => void | Promise<void>;

/**
 * The one way an enrollment comes to be, for `POST …/enrollments` ({@link EnrollmentService.create}) and a bulk
 * import's rows (`ImportChunkProcessor`) alike: the request's identification resolved into data, the record made
 * from it (a candidate, with a participation when it names a device), and the events that open its log — the
 * `enrollment.created` and, on an instance with rules, its screening — so nobody ever reads an unscreened candidate.
 * The callers differ only in how they claim the device and write: one at a time, or a chunk in bulk.
 */
@injectable()
export class EnrollmentCreation {
  constructor(
    @inject(IdentityResolver) private readonly identities: IdentityResolver,
    @inject(new LazyServiceIdentifier(() => EligibilityScreening)) private readonly screening: EligibilityScreening,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** The enrollment's data from a create request (seed 004's identification types); throws an InputError for a bad reference. */
  async resolve(context: CallContext, programInstanceId: string, input: CreateEnrollmentInput): Promise<EnrollmentData> {
    return { ...(await this.identities.resolve(context, input)), programInstanceId };
  }

  /** The new enrollment's record, created now. */
  record(context: Pick<CallContext, 'workspaceId' | 'liveMode'>, id: string, data: EnrollmentData): NewEnrollment {
    const now = this.clock.now().toISOString();
    return {
      ...data,
      id,
      workspaceId: context.workspaceId,
      eligibility: { status: 'candidate' },
      ...(data.serialNumber === undefined ? {} : { participation: newParticipation(context.liveMode, now) }),
      createdAt: now,
      updatedAt: now,
    };
  }

  /** The rules an instance's new enrollments are screened under, or undefined when it has none. */
  rulesInForce(rules: InstanceRules): Promise<VersionedEligibilityRules | undefined> {
    return this.screening.rulesInForce(rules);
  }

  /**
   * The events that open the new enrollment's log: `enrollment.created` (its participation, if any, with the deadline
   * of its first step), then its screening under `ruleSet`, if any, then what `then` decides on the enrollment as
   * screened (a caller whose creation goes on at once, such as the enrollment page's move to `submitted`): all of it
   * one batch, so the log never holds the creation without the rest.
   */
  async opening(enrollment: NewEnrollment, rules: InstanceRules, ruleSet: VersionedEligibilityRules | undefined, then?: OpeningDecision): Promise<EventDraft[]> {
    const timed = withFirstDeadline(enrollment, rules.instance);
    const screened = new EnrollmentChange({ ...timed, seq: 1 }, timed.createdAt);
    if (ruleSet !== undefined) await this.screening.screen(screened, rules, ruleSet);
    if (then !== undefined) await then(screened, rules);
    return [{ type: 'enrollment.created', data: { enrollment: timed } }, ...screened.drafts];
  }
}

/**
 * A new enrollment whose participation carries the deadline of its first step (ENROLMENT_REQUESTED), its terms fixed
 * from the instance's settings now, as a move's are: `enrollment.created` is what carries them into the log.
 */
export function withFirstDeadline(enrollment: NewEnrollment, instance: DeadlineInstance): NewEnrollment {
  const participation = enrollment.participation;
  if (participation === undefined) return enrollment;
  const { id, state, suspensionReasons, createdAt } = participation;
  const deadlines = openingDeadlines(deadlineTerms({ participationId: id, to: { state, suspensionReasons }, occurredAt: createdAt, rewardsSettled: false }, instance));
  return deadlines === undefined ? enrollment : { ...enrollment, participation: { ...participation, deadlines } };
}

/** A device's participation as enrolment starts (seed 000: ENROLMENT_REQUESTED), with fresh ids. */
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

import { expect } from 'chai';
import { IllegalTransitionError } from '../errors/IllegalTransitionError.js';
import { expectInputError } from '../test-support/expectInputError.js';
import type { ParticipationSnapshot } from './ParticipationSnapshot.js';
import type { PlannedStep, SubmissionContext, SubmissionEntry } from './ParticipationSubmission.js';
import { planSubmission } from './planSubmission.js';
import type { ParticipationState } from './states.js';
import type { SuspensionReason } from './suspensionReasons.js';

const at = (state: ParticipationState, ...suspensionReasons: SuspensionReason[]): ParticipationSnapshot => ({ state, suspensionReasons });
const triggers = (steps: readonly PlannedStep[]): string[] => steps.map((step) => (step.reason === undefined ? step.trigger : `${step.trigger}:${step.reason}`));
const as = <T>(value: unknown): T => value as T;
/** States seed 002 renames; a v2 message must name none of them. */
const V1_ONLY = /\b(AWAITING_CONSENT|AWAITING_TELEMETRY|AWAITING_METER_ACCESS|CONFIRMING_DISPATCH|AWAITING_ELIGIBILITY)\b/;

function refusal(act: () => unknown): IllegalTransitionError {
  try {
    act();
  } catch (error) {
    expect(error).to.be.instanceOf(IllegalTransitionError);
    return error as IllegalTransitionError;
  }
  throw new Error('expected an IllegalTransitionError');
}

describe(planSubmission.name, () => {
  describe('having a participation suspended for OPERATOR_REQUEST', () => {
    const suspended = at('SUSPENDED', 'OPERATOR_REQUEST');

    it('when seed 002’s update names the same reason again, plans nothing: the operator’s pause stays', () => {
      expect(planSubmission(suspended, [{ state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST'] }])).to.deep.equal([]);
    });

    it('when it names other reasons, raises the missing ones before clearing the absent one, never passing through ACTIVE', () => {
      const steps = planSubmission(suspended, [{ state: 'SUSPENDED', suspensionReasons: ['CUSTOMER_REQUEST', 'AWAITING_DISPATCH'] }]);
      expect(triggers(steps)).to.deep.equal(['suspension_raised:AWAITING_DISPATCH', 'suspension_raised:CUSTOMER_REQUEST', 'suspension_cleared:OPERATOR_REQUEST']);
      expect(steps.map((step) => step.to.state)).to.deep.equal(['SUSPENDED', 'SUSPENDED', 'SUSPENDED']);
      expect(steps.at(-1)?.to.suspensionReasons).to.deep.equal(['AWAITING_DISPATCH', 'CUSTOMER_REQUEST']);
    });

    it('when it names ACTIVE, clears every reason in seed order', () => {
      expect(triggers(planSubmission(at('SUSPENDED', 'AWAITING_TELEMETRY', 'OPERATOR_REQUEST'), [{ state: 'ACTIVE' }]))).to.deep.equal([
        'suspension_cleared:AWAITING_TELEMETRY', 'suspension_cleared:OPERATOR_REQUEST',
      ]);
    });
  });

  describe('having an ACTIVE participation', () => {
    it('when SUSPENDED names several reasons, raises each, in seed order', () => {
      expect(triggers(planSubmission(at('ACTIVE'), [{ state: 'SUSPENDED', suspensionReasons: ['CUSTOMER_REQUEST', 'AWAITING_TELEMETRY'] }]))).to.deep.equal([
        'suspension_raised:AWAITING_TELEMETRY', 'suspension_raised:CUSTOMER_REQUEST',
      ]);
    });

    it('when ACTIVE is submitted, plans nothing', () => {
      expect(planSubmission(at('ACTIVE'), [{ state: 'ACTIVE', status: 'IN_PROGRESS' }])).to.deep.equal([]);
    });
  });

  describe('having seed 002’s whole sequence, in its own vocabulary', () => {
    const sequence: [string, string[]][] = [
      ['AWAITING_CUSTOMER_CONSENT', ['consent_requested']],
      ['AWAITING_DEVICE_TELEMETRY', ['consent_granted']],
      ['AWAITING_LOCATION_TELEMETRY', ['telemetry_received']],
      ['CHECKING_ELIGIBILITY', ['meter_access_granted']],
      ['AWAITING_REGISTRATION', ['control_confirmed', 'eligibility_confirmed']],
      ['REGISTERED', ['registration_confirmed']],
      ['ACTIVE', ['device_live']],
      ['SUSPENDED', ['suspension_raised:OPERATOR_REQUEST']],
      ['UNENROLMENT_REQUESTED', ['leave_requested']],
      ['WINDING_DOWN', ['notice_served']],
      ['UNENROLLED', ['wind_down_completed']],
      ['OFFBOARDED', ['offboarded']],
    ];
    const context: SubmissionContext = { vocabulary: 'v2', meterAccessRequired: true };
    const entryFor = (state: string): SubmissionEntry => (state === 'SUSPENDED' ? { state, suspensionReasons: ['OPERATOR_REQUEST'] } : { state });

    it('when each step is submitted on its own, reaches it, and submitting it again plans nothing', () => {
      let current = at('ENROLMENT_REQUESTED');
      for (const [state, expected] of sequence) {
        const steps = planSubmission(current, [entryFor(state)], context);
        expect(triggers(steps), state).to.deep.equal(expected);
        current = steps.at(-1)!.to;
        expect(planSubmission(current, [entryFor(state)], context), `${state} again`).to.deep.equal([]);
      }
      expect(current).to.deep.equal(at('OFFBOARDED'));
    });

    it('when submitted as one timeline, plans every step, each for its own entry', () => {
      const steps = planSubmission(at('ENROLMENT_REQUESTED'), [{ state: 'ENROLMENT_REQUESTED' }, ...sequence.map(([state]) => entryFor(state))], context);
      expect(triggers(steps)).to.deep.equal(sequence.flatMap(([, expected]) => expected));
      expect(steps.filter((step) => step.trigger === 'eligibility_confirmed').map((step) => step.entry)).to.deep.equal([5]);
    });

    it('when telemetry arrives without a meter step, CHECKING_ELIGIBILITY follows AWAITING_DEVICE_TELEMETRY at once', () => {
      expect(triggers(planSubmission(at('AWAITING_TELEMETRY'), [{ state: 'CHECKING_ELIGIBILITY' }], { vocabulary: 'v2' }))).to.deep.equal(['telemetry_received']);
    });

    it('when the operator refuses while eligibility or dispatch is being checked, reaches INELIGIBLE, and FAILED by the shortest way', () => {
      expect(triggers(planSubmission(at('CONFIRMING_DISPATCH'), [{ state: 'INELIGIBLE' }], { vocabulary: 'v2' }))).to.deep.equal(['control_confirmed', 'eligibility_denied']);
      expect(triggers(planSubmission(at('CONFIRMING_DISPATCH'), [{ state: 'FAILED' }], { vocabulary: 'v2' }))).to.deep.equal(['failed']);
    });
  });

  describe('having a timeline in seed 001’s shape', () => {
    const timeline: SubmissionEntry[] = [
      { state: 'ENROLMENT_REQUESTED', status: 'COMPLETE' },
      { state: 'AWAITING_CONSENT', status: 'COMPLETE' },
      { state: 'AWAITING_TELEMETRY', status: 'COMPLETE' },
      { state: 'CONFIRMING_DISPATCH', status: 'IN_PROGRESS' },
      { state: 'AWAITING_ELIGIBILITY', status: 'PENDING' },
    ];

    it('when the participation is part-way along it, applies only what follows where it stands, and never a PENDING entry', () => {
      const steps = planSubmission(at('AWAITING_TELEMETRY'), timeline);
      expect(steps).to.deep.equal([{ entry: 3, trigger: 'telemetry_received', to: at('CONFIRMING_DISPATCH') }]);
    });

    it('when it stands at the last state reached, plans nothing', () => {
      expect(planSubmission(at('CONFIRMING_DISPATCH'), timeline)).to.deep.equal([]);
    });

    it('when it stands on none of it, applies it from the start and refuses where it cannot follow', () => {
      const error = refusal(() => planSubmission(at('AWAITING_REGISTRATION'), timeline));
      expect(error.message).to.match(/Cannot apply 'ENROLMENT_REQUESTED' to a participation in AWAITING_REGISTRATION \(no trigger leads from AWAITING_REGISTRATION to ENROLMENT_REQUESTED; here registration_confirmed leads to REGISTERED/);
    });
  });

  describe('having a v2 submission that cannot be followed', () => {
    it('when refused, names every state in seed 002’s vocabulary', () => {
      const error = refusal(() => planSubmission(at('AWAITING_TELEMETRY'), [{ state: 'AWAITING_REGISTRATION' }], { vocabulary: 'v2', meterAccessRequired: true }));
      expect(error.message).to.include('in AWAITING_DEVICE_TELEMETRY').and.include('telemetry_received leads to AWAITING_LOCATION_TELEMETRY');
      expect(error.message).to.not.match(V1_ONLY);
      expect(error.currentState).to.equal('AWAITING_DEVICE_TELEMETRY');
    });
  });

  describe('having bad input', () => {
    it('when an entry is malformed, names its field before planning anything', () => {
      expectInputError(() => planSubmission(at('ACTIVE'), [{ state: 'SUSPENDED' }]), '/entries/0/suspensionReasons', 'required_when_suspended');
      expectInputError(() => planSubmission(at('ACTIVE'), [{ state: 'ACTIVE' }, { state: 'SUSPENDED', suspensionReasons: [] }]), '/entries/1/suspensionReasons', 'required_when_suspended');
      expectInputError(() => planSubmission(at('SUSPENDED', 'OPERATOR_REQUEST'), [{ state: 'ACTIVE', suspensionReasons: ['OPERATOR_REQUEST'] }]), '/entries/0/suspensionReasons', 'empty_unless_suspended');
      expectInputError(() => planSubmission(at('ACTIVE'), [{ state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST', 'OPERATOR_REQUEST'] }]), '/entries/0/suspensionReasons', 'unique');
      expectInputError(() => planSubmission(at('ACTIVE'), [{ state: 'ACTIVE', status: as('DONE') }]), '/entries/0/status', 'one_of');
      expectInputError(() => planSubmission(at('ENROLMENT_REQUESTED'), [{ state: 'AWAITING_CUSTOMER_CONSENT' }]), '/entries/0/state', 'one_of');
      expectInputError(() => planSubmission(at('ENROLMENT_REQUESTED'), [{ state: 'AWAITING_CONSENT' }], { vocabulary: 'v2' }), '/entries/0/state', 'one_of');
      expectInputError(() => planSubmission(at('ENROLMENT_REQUESTED'), as({})), '/entries', 'type');
      expectInputError(() => planSubmission(at('ENROLMENT_REQUESTED'), [], as({ vocabulary: 'v3' })), '/vocabulary', 'one_of');
    });
  });
});

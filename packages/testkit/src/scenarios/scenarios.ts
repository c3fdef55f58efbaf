import { checkAdapter, STORE_TOKENS } from '@flexroll/core';
import { defineAdapter, FAILABLE_STATES, FlexrollError, SUSPENSION_REASONS, type OperatorAdapter } from '@flexroll/sdk';
import { AdapterKit, type KitOptions } from '../AdapterKit.js';
import { KitExpectationError } from '../KitExpectationError.js';
import { driveToActive, fire } from './journey.js';

/** One standard scenario: a name that reads as an expectation, and its run. */
export interface Scenario {
  readonly name: string;
  run(adapter: OperatorAdapter, options: KitOptions): Promise<void>;
}

/** The states `failed` leaves from, but the meter step, which these scenarios' instance does not require. */
const ENROLMENT_STATES = FAILABLE_STATES.filter((state) => state !== 'AWAITING_METER_ACCESS');

async function kitFor(adapter: OperatorAdapter, options: KitOptions, name: string, settings: { meterAccessRequired?: boolean } = {}) {
  const kit = new AdapterKit(adapter, name, options);
  return { kit, enrollment: await kit.start(settings) };
}

/** The standard scenarios every adapter must pass, in order. */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'declares a valid manifest for this SDK, and valid message overrides',
    async run(adapter) {
      try {
        checkAdapter(adapter.manifest?.id ?? '(no id)', adapter);
      } catch (error) {
        throw new KitExpectationError(this.name, `bad manifest — ${(error as Error).message}`);
      }
    },
  },
  {
    name: 'reaches ACTIVE on the happy path without the meter step',
    async run(adapter, options) {
      const { kit, enrollment } = await kitFor(adapter, options, this.name);
      const active = await driveToActive(kit, enrollment);
      if (active.enrollmentStartDate === undefined) kit.fail('enrollmentStartDate was not set when ACTIVE was reached');
      await kit.expectNoAdapterFailures(enrollment.id);
    },
  },
  {
    name: 'reaches ACTIVE on the happy path with the meter step',
    async run(adapter, options) {
      const { kit, enrollment } = await kitFor(adapter, options, this.name, { meterAccessRequired: true });
      const active = await driveToActive(kit, enrollment);
      if (!active.participation!.history.some((entry) => entry.state === 'AWAITING_METER_ACCESS')) kit.fail('the meter step was skipped although required');
      await kit.expectNoAdapterFailures(enrollment.id);
    },
  },
  {
    name: 'suspends with several reasons and resumes only when all have cleared',
    async run(adapter, options) {
      const { kit, enrollment } = await kitFor(adapter, options, this.name);
      const pid = (await driveToActive(kit, enrollment)).participation!.id;
      const { participations } = kit.harness;
      for (const reason of ['OPERATOR_REQUEST', 'CUSTOMER_REQUEST'] as const) {
        await kit.step(`raising ${reason}`, () => participations.trigger(kit.context, pid, { trigger: 'suspension_raised', suspensionReason: reason }));
      }
      let current = await kit.expectState(enrollment.id, 'SUSPENDED');
      if (current.participation!.suspensionReasons.join() !== 'OPERATOR_REQUEST,CUSTOMER_REQUEST') kit.fail(`expected both reasons, found ${current.participation!.suspensionReasons.join(', ')}`);
      await kit.step('clearing OPERATOR_REQUEST', () => participations.trigger(kit.context, pid, { trigger: 'suspension_cleared', suspensionReason: 'OPERATOR_REQUEST' }));
      await kit.expectState(enrollment.id, 'SUSPENDED');
      await kit.step('clearing CUSTOMER_REQUEST', () => participations.trigger(kit.context, pid, { trigger: 'suspension_cleared', suspensionReason: 'CUSTOMER_REQUEST' }));
      current = await kit.expectState(enrollment.id, 'ACTIVE');
      await kit.expectNoAdapterFailures(current.id);
    },
  },
  {
    name: 'unenrols through WINDING_DOWN to OFFBOARDED',
    async run(adapter, options) {
      const { kit, enrollment } = await kitFor(adapter, options, this.name);
      const active = await driveToActive(kit, enrollment);
      const pid = active.participation!.id;
      await kit.step('asking to unenrol through the enrollment API', () => kit.harness.enrollments.update(kit.context, enrollment.id, { status: 'unenrolled', reason: 'Moving house' }));
      await kit.expectState(enrollment.id, 'UNENROLMENT_REQUESTED');
      await fire(kit, active, 'notice_served', 'WINDING_DOWN');
      await kit.step('settling rewards', () => kit.harness.participations.markRewardsSettled(kit.context, pid, kit.harness.clock.now().toISOString()));
      kit.harness.clock.advance((kit.instance.noticePeriodDays + 1) * 86_400_000);
      await kit.step('sweeping after the notice period', () => kit.harness.sweeps.runOnce());
      await kit.expectState(enrollment.id, 'UNENROLLED');
      await fire(kit, active, 'offboarded', 'OFFBOARDED');
      await kit.expectNoAdapterFailures(enrollment.id);
    },
  },
  {
    name: 'fails from each enrolment state to FAILED with a finished enrollment status',
    async run(adapter, options) {
      for (const state of ENROLMENT_STATES) {
        const { kit, enrollment } = await kitFor(adapter, options, `${this.name} (from ${state})`);
        const there = await driveToActive(kit, enrollment, state);
        if (there.participation!.state !== state) kit.fail(`could not reach ${state}`);
        await fire(kit, there, 'failed', 'FAILED');
      }
    },
  },
  {
    name: 'has illegal requests refused, changing nothing',
    async run(adapter, options) {
      const { kit, enrollment } = await kitFor(adapter, options, this.name);
      const before = await kit.harness.port(STORE_TOKENS.events).listForEnrollment(kit.context.workspaceId, enrollment.id, 0);
      const attempts: Array<[string, () => Promise<unknown>]> = [
        ['device_live from ENROLMENT_REQUESTED', () => kit.harness.participations.trigger(kit.context, enrollment.participation!.id, { trigger: 'device_live' })],
        ['approving a candidate', () => kit.harness.enrollments.update(kit.context, enrollment.id, { status: 'approved' })],
        ['suspending before ACTIVE', () => kit.harness.participations.trigger(kit.context, enrollment.participation!.id, { trigger: 'suspension_raised', suspensionReason: SUSPENSION_REASONS[0] })],
      ];
      for (const [what, attempt] of attempts) {
        const outcome = await attempt().then(() => 'accepted', (error: unknown) => (FlexrollError.is(error) ? error.kind : 'crashed'));
        if (outcome !== 'illegal_transition') kit.fail(`${what} should be refused as an illegal transition, but was ${outcome}`);
      }
      const after = await kit.harness.port(STORE_TOKENS.events).listForEnrollment(kit.context.workspaceId, enrollment.id, 0);
      if (after.length !== before.length) kit.fail(`refused requests wrote ${after.length - before.length} event(s)`);
    },
  },
  {
    name: 'survives a throwing and a hanging hook: a typed error, recorded, nothing half-applied',
    async run(adapter, options) {
      const timeoutMs = 100;
      const broken = (patch: Partial<OperatorAdapter>) => defineAdapter({ ...adapter, ...patch });
      const throwing = broken({ statusForParticipation: () => { throw new Error('operator API unreachable'); } });
      const hanging = broken({ statusForParticipation: () => new Promise(() => {}) });
      for (const [label, faulty, code] of [['throwing', throwing, 'adapter_threw'], ['hanging', hanging, 'adapter_timeout']] as const) {
        const { kit, enrollment } = await kitFor(faulty, { ...options, timeoutMs }, `${this.name} (${label})`);
        const outcome = await kit.harness.participations.trigger(kit.context, enrollment.participation!.id, { trigger: 'consent_requested' }).then(
          () => 'accepted',
          (error: unknown) => (FlexrollError.is(error) ? error.code : 'crashed'),
        );
        if (outcome !== code) kit.fail(`a ${label} statusForParticipation should surface as ${code}, but was ${outcome}`);
        const events = await kit.harness.port(STORE_TOKENS.events).listForEnrollment(kit.context.workspaceId, enrollment.id, 0);
        if (events.map((event) => event.type).join() !== 'enrollment.created,adapter.failed') {
          kit.fail(`expected only the failure recorded after a ${label} hook, found: ${events.map((event) => event.type).join(', ')}`);
        }
        await kit.expectState(enrollment.id, 'ENROLMENT_REQUESTED');
      }
    },
  },
];

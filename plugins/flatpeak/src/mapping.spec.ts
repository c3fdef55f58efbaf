import 'reflect-metadata';
import assert from 'node:assert/strict';
import nock from 'nock';
import { ENROLMENT_HAPPY_PATH, toVocabulary, type ParticipationState } from '@flexroll/sdk';
import { AdapterKit, EVERY_STATE, reachState } from '@flexroll/testkit';
import adapter from './index.js';
import { submissionFor } from './remoteMapping.js';
import { acceptingRemote, FLATPEAK_TEST_CONFIG, remoteObject } from './test-support/flatpeakFixtures.js';

/** The state one legal step ahead on the happy path, where the remote may have moved first. */
const AHEAD: Partial<Record<ParticipationState, ParticipationState>> = {
  ...Object.fromEntries(ENROLMENT_HAPPY_PATH.slice(0, -1).map((state, index) => [state, ENROLMENT_HAPPY_PATH[index + (state === 'AWAITING_TELEMETRY' ? 2 : 1)]])),
  AWAITING_METER_ACCESS: 'CONFIRMING_DISPATCH',
};

async function kitAt(state: ParticipationState, vocabulary: 'v1' | 'v2') {
  const kit = new AdapterKit(adapter, `${state} (${vocabulary})`, { config: { ...FLATPEAK_TEST_CONFIG, vocabulary } });
  const enrollment = await reachState(kit, state);
  return { kit, enrollment };
}

describe('plugins/flatpeak maps the remote’s participation in every state of seed 000', function () {
  this.timeout(60_000);
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    acceptingRemote();
  });
  after(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  for (const state of EVERY_STATE) {
    describe(state, () => {
      it('is submitted as seed 002 writes it, in either vocabulary, with Flexroll’s id as the provider reference', () => {
        const reasons = state === 'SUSPENDED' ? (['OPERATOR_REQUEST'] as const) : [];
        const participation = { id: 'vpo_000000000000000000000001', state, suspensionReasons: reasons };
        for (const vocabulary of ['v1', 'v2'] as const) {
          assert.deepEqual(submissionFor(participation, vocabulary), {
            reference_id: 'vpo_000000000000000000000001',
            participation_state: [{ state: toVocabulary(state, vocabulary), ...(reasons.length === 0 ? {} : { suspension_reasons: reasons }) }],
          });
        }
      });

      for (const vocabulary of ['v1', 'v2'] as const) {
        it(`agrees when the remote reports it back in ${vocabulary}`, async () => {
          const { kit, enrollment } = await kitAt(state, vocabulary);
          const reasons = enrollment.participation!.suspensionReasons;
          const payload = remoteObject(toVocabulary(state, vocabulary), { suspension_reasons: [...reasons] });
          const after = await kit.harness.participations.applyOperatorEvent(kit.context, kit.instance.id, enrollment.participation!.id, { type: 'participation.updated', payload });
          assert.deepEqual([after.participation.state, after.participation.nativeStatuses?.remote?.value], [state, toVocabulary(state, vocabulary)]);
          kit.harness.clock.advance(16 * 60_000);
          assert.equal((await kit.harness.participations.find(kit.context, enrollment.participation!.id)).drift, undefined);
        });
      }

      const ahead = AHEAD[state];
      if (ahead !== undefined) {
        it(`follows the remote one step ahead, to ${ahead}`, async () => {
          const { kit, enrollment } = await kitAt(state, 'v1');
          const after = await kit.harness.participations.applyOperatorEvent(kit.context, kit.instance.id, enrollment.participation!.id, { type: 'participation.updated', payload: remoteObject(ahead) });
          assert.equal(after.participation.state, ahead);
          await kit.expectState(enrollment.id);
          await kit.expectNoAdapterFailures(enrollment.id);
        });
      }
    });
  }

  it('reconciles suspension reasons as a set while both sides participate', async () => {
    const { kit, enrollment } = await kitAt('ACTIVE', 'v1');
    const pid = enrollment.participation!.id;
    const paused = await kit.harness.participations.applyOperatorEvent(kit.context, kit.instance.id, pid, { type: 'participation.updated', payload: remoteObject('SUSPENDED', { suspension_reasons: ['OPERATOR_REQUEST'] }) });
    assert.deepEqual(paused.participation.suspensionReasons, ['OPERATOR_REQUEST']);
    const swapped = await kit.harness.participations.applyOperatorEvent(kit.context, kit.instance.id, pid, { type: 'participation.updated', payload: remoteObject('SUSPENDED', { suspension_reasons: ['CUSTOMER_REQUEST'] }) });
    assert.deepEqual(swapped.participation.suspensionReasons, ['CUSTOMER_REQUEST']);
    const resumed = await kit.harness.participations.applyOperatorEvent(kit.context, kit.instance.id, pid, { type: 'participation.updated', payload: remoteObject('ACTIVE') });
    assert.equal(resumed.participation.state, 'ACTIVE');
  });

  it('leaves a suspension reason raised here (through the API) that the remote has not heard of', async () => {
    const { kit, enrollment } = await kitAt('SUSPENDED', 'v1');
    const pid = enrollment.participation!.id;
    const kept = await kit.harness.participations.applyOperatorEvent(kit.context, kit.instance.id, pid, { type: 'participation.updated', payload: remoteObject('SUSPENDED', { suspension_reasons: ['CUSTOMER_REQUEST'] }) });
    assert.deepEqual(kept.participation.suspensionReasons, ['OPERATOR_REQUEST', 'CUSTOMER_REQUEST']);
  });

  it('records a remote state no single legal step reaches, and flags it as drift once it has lasted 15 minutes', async () => {
    const { kit, enrollment } = await kitAt('AWAITING_TELEMETRY', 'v2');
    const pid = enrollment.participation!.id;
    const after = await kit.harness.participations.applyOperatorEvent(kit.context, kit.instance.id, pid, { type: 'participation.updated', payload: remoteObject('REGISTERED') });
    assert.equal(after.participation.state, 'AWAITING_TELEMETRY');
    kit.harness.clock.advance(16 * 60_000);
    const drifting = await kit.harness.drift.list(kit.context, kit.instance.id, { page: 1, perPage: 10 });
    assert.deepEqual(drifting.data.map((entry) => [entry.participation.id, entry.drift.statuses]), [[pid, ['remote']]]);
  });

  it('reads seed 002’s CHECKING_ELIGIBILITY in the light of where the participation stands', async () => {
    const { kit, enrollment } = await kitAt('AWAITING_TELEMETRY', 'v2');
    const after = await kit.harness.participations.applyOperatorEvent(kit.context, kit.instance.id, enrollment.participation!.id, { type: 'participation.updated', payload: remoteObject('CHECKING_ELIGIBILITY') });
    assert.equal(after.participation.state, 'CONFIRMING_DISPATCH', 'telemetry is in: the checks are under way');
  });
});

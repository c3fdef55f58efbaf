import { expect } from 'chai';
import manual from '@flexroll/plugin-manual';
import { describeAdapterConformance, runAdapterScenarios } from '@flexroll/testkit';
import { badManifest, hangingHook, illegalTrigger, wrongMapping } from './fixtures/badAdapters.js';

describeAdapterConformance(manual);

describe('the adapter test kit', function () {
  this.timeout(60_000);

  const failuresOf = async (adapter: Parameters<typeof runAdapterScenarios>[0], timeoutMs = 200) =>
    (await runAdapterScenarios(adapter, { timeoutMs })).filter((report) => !report.passed).map((report) => report.failure ?? '');

  it('fails an adapter whose mapping leaves the machines disagreeing, naming the state and the status', async () => {
    const failures = await failuresOf(wrongMapping);
    expect(failures.join('\n')).to.contain("wrong mapping: with the participation in AWAITING_CONSENT the enrollment must be candidate, but the adapter mapped it to 'eligible'");
  });

  it('fails an adapter that answers with an illegal trigger, quoting the refusal', async () => {
    const failures = await failuresOf(illegalTrigger);
    expect(failures.join('\n')).to.contain(
      "approving the enrollment failed — adapter_illegal_answer: Adapter 'illegal-trigger' triggerForStatusMove answered what the state machines refuse: Cannot apply 'device_live' to a participation in AWAITING_REGISTRATION",
    );
  });

  it('fails an adapter with a hanging hook, naming the hook and the limit', async () => {
    const failures = await failuresOf(hangingHook, 50);
    expect(failures.join('\n')).to.contain("the adapter failed: Adapter 'hanging-hook' did not answer onParticipationChanged within 50 ms.");
  });

  it('fails an adapter with a bad manifest, naming the field', async () => {
    const failures = await failuresOf(badManifest);
    expect(failures[0]).to.match(/^declares a valid manifest for this SDK, and valid message overrides: bad manifest — Adapter 'Bad Manifest' failed to load \(manifest\): \/id must match pattern/);
  });

  it('passes the reference adapter on every scenario', async () => {
    expect(await failuresOf(manual)).to.deep.equal([]);
  });
});

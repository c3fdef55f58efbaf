import 'reflect-metadata';
import { expect } from 'chai';
import { STORE_TOKENS } from '@flexroll/core';
import { defineAdapter, SDK_VERSION, statusForParticipationState, triggerForStatusMove, type AdapterManifest, type ParticipationView } from '@flexroll/sdk';
import { AdapterKit } from './AdapterKit.js';

const manifest: AdapterManifest = {
  id: 'acme-onboarding', name: 'Acme (onboarding)', version: '0.1.0', sdkVersion: `^${SDK_VERSION}`,
  configSchema: { type: 'object' }, capabilities: { meterAccess: 'optional', drivenTriggers: [] }, operatorEvents: {},
  customerData: { fields: ['email', 'firstName', 'serialNumber'], purpose: 'The operator creates the customer’s account and e-mails an invitation.' },
};

/** An adapter that records what its creation hook was handed. */
function onboardingAdapter(seen: ParticipationView[]) {
  return defineAdapter({
    manifest,
    triggerForStatusMove: ({ from, to, participation }) => triggerForStatusMove(from, to, participation.state),
    statusForParticipation: ({ to, from, currentStatus }) => statusForParticipationState(to.state, from.state, currentStatus),
    onParticipationCreated: (participation) => void seen.push(participation),
  });
}

describe('The kit: the author sets the enrolled customer, device and granted fields', () => {
  it('enrolls the author’s customer and device, and hands the creation hook exactly the granted fields', async () => {
    const seen: ParticipationView[] = [];
    const kit = new AdapterKit(onboardingAdapter(seen), 'customer data', {
      customer: { email: 'ada@example.com', firstName: 'Ada', phone: null },
      device: { serialNumber: 'BAT-0042', manufacturerSlugs: ['sonnen'] },
      grantedFields: ['email', 'serialNumber'],
    });
    const enrollment = await kit.start();
    expect(enrollment).to.include({ email: 'ada@example.com', firstName: 'Ada', serialNumber: 'BAT-0042' });
    expect(enrollment).not.to.have.property('phone');
    expect(kit.instance.customerDataGrant).to.deep.include({ fields: ['email', 'serialNumber'], purpose: manifest.customerData!.purpose });
    await kit.expectNoAdapterFailures(enrollment.id);
    expect(seen).to.have.length(1);
    expect(seen[0]!.customer).to.deep.equal({ email: 'ada@example.com', serialNumber: 'BAT-0042' });
    expect(seen[0]!.customer?.firstName, 'declared but not granted').to.equal(undefined);
    expect(seen[0]!.manufacturerSlugs).to.deep.equal(['sonnen']);
    const events = await kit.harness.port(STORE_TOKENS.events).listForEnrollment(kit.context.workspaceId, enrollment.id, 0);
    const shared = events.filter((event) => event.type === 'adapter.customer_data_shared');
    expect(shared.map((event) => event.data)).to.deep.equal([{ adapterId: 'acme-onboarding', operation: 'onParticipationCreated', fields: ['email', 'serialNumber'] }]);
  });

  it('grants nothing unless the author says so: the hook sees no customer and nothing is recorded', async () => {
    const seen: ParticipationView[] = [];
    const kit = new AdapterKit(onboardingAdapter(seen), 'no grant');
    const enrollment = await kit.start();
    await kit.expectNoAdapterFailures(enrollment.id);
    expect(seen).to.have.length(1);
    expect(seen[0]!.customer).to.equal(undefined);
    expect(seen[0]!.serialNumber, 'the device is no personal data').to.equal('1234567890');
    const events = await kit.harness.port(STORE_TOKENS.events).listForEnrollment(kit.context.workspaceId, enrollment.id, 0);
    expect(events.map((event) => event.type)).not.to.include('adapter.customer_data_shared');
  });
});

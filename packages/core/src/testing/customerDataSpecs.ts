import { expect } from 'chai';
import { defineAdapter, FlexrollError, SDK_VERSION, type ParticipationMove, type ParticipationView } from '@flexroll/sdk';
import type { CoreSettings } from '../platform/CoreSettings.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { COMMUNITY_POWERSHARE, SUZIE_CUSTOMER_INFO, suzieWithoutDevice } from '../seeds/seedExamples.js';
import { CoreHarness } from './CoreHarness.js';
import { JobRunner } from '../jobs/JobRunner.js';
import { JobService } from '../jobs/JobService.js';
import { withMethod } from './feedSpecs.js';
import type { StoreUnderTest } from './StoreUnderTest.js';
import { SPEC_SETTINGS } from './webhookDispatchSpecs.js';

const PURPOSE = 'The operator creates the customer’s account and e-mails an invitation.';

/** What the adapter under test was handed: each call's name and participation. */
interface Told {
  readonly operation: 'onParticipationCreated' | 'onParticipationChanged';
  readonly participation: ParticipationView;
  readonly move?: ParticipationMove;
}

/** The store's reference adapter, declaring customer data and telling `told` of each outbox call. */
function onboardingAdapter(store: StoreUnderTest, told: Told[], id = 'acme-onboarding') {
  const reference = store.adapters[0]!;
  return defineAdapter({
    ...reference,
    manifest: { ...reference.manifest, id, sdkVersion: `^${SDK_VERSION}`, customerData: { fields: ['email', 'firstName', 'lastName', 'referenceId'], purpose: PURPOSE } },
    onParticipationCreated: (participation: ParticipationView) => void told.push({ operation: 'onParticipationCreated', participation }),
    onParticipationChanged: (move: ParticipationMove, participation: ParticipationView) => void told.push({ operation: 'onParticipationChanged', participation, move }),
  });
}

/**
 * Customer data under a declared, granted scope, and the creation hook (issue 19, items 1 and 2): the grant is
 * checked and kept with the instance; the outbox's calls carry exactly the granted fields, each hand-over on the
 * enrollment's trail by name only; `onParticipationCreated` is called once per created participation, even when
 * the process died between the creation's write and its enqueue.
 */
export function customerDataSpecs(store: () => StoreUnderTest): void {
  const settings: Partial<CoreSettings> = { ...SPEC_SETTINGS, feedSettleMs: 0 };

  it('refuses a grant of a field the adapter does not declare, naming it, and a grant to an adapter that declares none', async () => {
    const h = new CoreHarness(store().module(), { settings, adapters: [onboardingAdapter(store(), []), store().adapters[0]!] });
    h.clock.set('2047-01-01T00:00:00Z');
    const refusal = await h.tenant('Leap Energy', { customerDataGrant: { fields: ['email', 'phone'] } }).catch((error: unknown) => error);
    expect(FlexrollError.is(refusal) && refusal.kind === 'input').to.equal(true);
    expect((refusal as FlexrollError).details.map((issue) => issue.field)).to.deep.equal(['/customerDataGrant/fields/1']);
    const { context } = await h.tenant();
    const program = await h.programs.create(COMMUNITY_POWERSHARE);
    const undeclared = await h.instances
      .create(context, { programId: program.id, name: 'No data', adapter: { adapterId: store().adapters[0]!.manifest.id, config: {} }, customerDataGrant: { fields: ['email'] } })
      .catch((error: unknown) => error);
    expect((undeclared as FlexrollError).details.map((issue) => issue.field)).to.deep.equal(['/customerDataGrant']);
  });

  it('keeps the grant with the instance, with the manifest’s purpose and the time it was given', async () => {
    const h = new CoreHarness(store().module(), { settings, adapters: [onboardingAdapter(store(), [])] });
    h.clock.set('2047-01-02T00:00:00Z');
    const { context, instance } = await h.tenant('Leap Energy', { customerDataGrant: { fields: ['email', 'firstName'] } });
    const read = await h.instances.get(context, instance.id);
    expect(read.customerDataGrant).to.deep.equal({ fields: ['email', 'firstName'], purpose: PURPOSE, grantedAt: '2047-01-02T00:00:00.000Z' });
    const renamed = await h.instances.update(context, instance.id, { name: 'Renamed' });
    expect(renamed.customerDataGrant, 'a change of the same binding keeps the grant').to.deep.equal(read.customerDataGrant);
  });

  it('hands the outbox’s calls exactly the granted fields, and records each hand-over by name only', async () => {
    const told: Told[] = [];
    const h = new CoreHarness(store().module(), { settings, adapters: [onboardingAdapter(store(), told)] });
    h.clock.set('2047-01-03T00:00:00Z');
    const { context, instance } = await h.tenant('Leap Energy', { customerDataGrant: { fields: ['email', 'lastName'] } });
    const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
    await h.outbox.drain();
    await h.participations.trigger(context, created.participation!.id, { trigger: 'consent_requested' });
    await h.outbox.drain();

    expect(told.map((call) => call.operation)).to.deep.equal(['onParticipationCreated', 'onParticipationChanged']);
    for (const { participation } of told) {
      expect(participation.customer).to.deep.equal({ email: SUZIE_CUSTOMER_INFO.email, lastName: SUZIE_CUSTOMER_INFO.lastName });
      expect(participation.customer?.firstName, 'declared, not granted').to.equal(undefined);
      expect(participation.customer?.referenceId, 'declared, not granted').to.equal(undefined);
      expect(participation.customer?.phone, 'never declared').to.equal(undefined);
    }
    const events = await h.port(STORE_TOKENS.events).listForEnrollment(context.workspaceId, created.id, 0);
    const shared = events.filter((event) => event.type === 'adapter.customer_data_shared');
    expect(shared.map((event) => event.data)).to.deep.equal([
      { adapterId: 'acme-onboarding', operation: 'onParticipationCreated', fields: ['email', 'lastName'] },
      { adapterId: 'acme-onboarding', operation: 'onParticipationChanged', fields: ['email', 'lastName'] },
    ]);
    expect(JSON.stringify(shared), 'names only, never the values').not.to.include(SUZIE_CUSTOMER_INFO.email!);
    expect(shared.every((event) => event.actor.type === 'adapter')).to.equal(true);
  });

  it('hands no customer data without a grant, and records nothing', async () => {
    const told: Told[] = [];
    const h = new CoreHarness(store().module(), { settings, adapters: [onboardingAdapter(store(), told)] });
    h.clock.set('2047-01-04T00:00:00Z');
    const { context, instance } = await h.tenant();
    const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
    await h.outbox.drain();
    expect(told).to.have.length(1);
    expect(told[0]!.participation.customer).to.equal(undefined);
    expect(told[0]!.participation).not.to.have.property('referenceId');
    const events = await h.port(STORE_TOKENS.events).listForEnrollment(context.workspaceId, created.id, 0);
    expect(events.map((event) => event.type)).not.to.include('adapter.customer_data_shared');
  });

  it('calls onParticipationCreated once per created participation, before its first move, and never for an enrollment without a device', async () => {
    const told: Told[] = [];
    const h = new CoreHarness(store().module(), { settings, adapters: [onboardingAdapter(store(), told)] });
    h.clock.set('2047-01-05T00:00:00Z');
    const { context, instance } = await h.tenant();
    const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
    await h.participations.trigger(context, created.participation!.id, { trigger: 'consent_requested' });
    await h.enrollments.create(context, instance.id, suzieWithoutDevice());
    await h.outbox.drain();
    h.clock.advance(400_000);
    await h.outbox.drain();
    expect(told.map((call) => call.operation)).to.deep.equal(['onParticipationCreated', 'onParticipationChanged']);
    expect(told[0]!.participation.id).to.equal(created.participation!.id);
  });

  it('calls onParticipationCreated once even when the process died between the creation’s write and its enqueue', async () => {
    const told: Told[] = [];
    const adapter = onboardingAdapter(store(), told);
    const api = new CoreHarness(store().module(), { settings, adapters: [adapter] });
    api.clock.set('2047-01-06T00:00:00Z');
    const worker = new CoreHarness(store().module(), { settings, adapters: [adapter], clock: api.clock });
    const crashing = new CoreHarness(store().module(), { settings, adapters: [adapter], clock: api.clock });
    const { context, instance } = await api.tenant();
    const items = crashing.port(STORE_TOKENS.adapterOutbox);
    crashing.replacePort(STORE_TOKENS.adapterOutbox, withMethod(items, 'enqueue', async () => { throw new Error('simulated crash before the enqueue'); }));
    const created = await crashing.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
    expect(crashing.logger.withMessage('adapter outbox enqueue failed; the catch-up scan will retry')).to.have.length(1);
    await worker.outbox.drain();
    expect(told, 'not told yet').to.have.length(0);

    api.clock.advance(400_000);
    await worker.outbox.drain();
    api.clock.advance(400_000);
    await worker.outbox.drain();
    expect(told.map((call) => [call.operation, call.participation.id]), 'the catch-up found the creation in the feed, once').to.deep.equal([['onParticipationCreated', created.participation!.id]]);
  });

  it('dead-letters a creation hook that keeps failing, recorded as adapter.failed naming onParticipationCreated', async () => {
    const reference = store().adapters[0]!;
    const adapter = defineAdapter({
      ...reference, manifest: { ...reference.manifest, id: 'failing-onboarding', sdkVersion: `^${SDK_VERSION}` },
      onParticipationCreated: () => { throw new Error('operator down'); },
    });
    const h = new CoreHarness(store().module(), { settings: { ...settings, outboxMaxAttempts: 1 }, adapters: [adapter] });
    h.clock.set('2047-01-07T00:00:00Z');
    const { context, instance } = await h.tenant();
    const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
    await h.outbox.drain();
    const dead = await h.outbox.drain().then(() => h.port(STORE_TOKENS.adapterOutbox).listByInstance(context.workspaceId, instance.id, 'dead', { page: 1, perPage: 5 }));
    expect(dead.data.map((item) => [item.seq, item.move])).to.deep.equal([[1, undefined]]);
    const events = await h.port(STORE_TOKENS.events).listForEnrollment(context.workspaceId, created.id, 0);
    const failed = events.filter((event) => event.type === 'adapter.failed').map((event) => event.data as { operation: string; message: string });
    expect(failed.map((data) => data.operation)).to.deep.equal(['onParticipationCreated']);
    expect(failed[0]!.message).to.include('the participation’s creation').and.include('operator down');
  });

  it('owes an import’s creation again when its enqueue failed: the chunk runs again, and the hook is called once', async () => {
    const told: Told[] = [];
    const adapter = onboardingAdapter(store(), told, 'import-onboarding');
    const api = new CoreHarness(store().module(), { settings, adapters: [adapter] });
    api.clock.set('2047-01-08T00:00:00Z');
    const crashing = new CoreHarness(store().module(), { settings, adapters: [adapter], clock: api.clock });
    const worker = new CoreHarness(store().module(), { settings, adapters: [adapter], clock: api.clock });
    const items = crashing.port(STORE_TOKENS.adapterOutbox);
    crashing.replacePort(STORE_TOKENS.adapterOutbox, withMethod(items, 'enqueue', async () => { throw new Error('simulated crash before the enqueue'); }));
    const { context, instance } = await api.tenant();
    const rows = 'referenceId,identificationType,firstName,lastName,email,serialNumber\nR-1,customerInfo,Ada,Lovelace,ada@example.com,SN-IMPORT-CRASH\n';
    const job = await api.container.get(JobService).receiveImport(context, instance.id, { format: 'csv', body: (async function* () { yield Buffer.from(rows); })() });
    const died = await crashing.container.get(JobRunner).runOnce().catch((error: unknown) => error);
    expect(String(died)).to.match(/simulated crash/);

    api.clock.advance(60_000);
    for (let pass = 0; pass < 10 && (await api.container.get(JobService).get(context, job.id)).open; pass++) await worker.container.get(JobRunner).runOnce();
    expect((await api.container.get(JobService).get(context, job.id)).counts).to.deep.include({ created: 1 });
    await worker.outbox.drain();
    api.clock.advance(400_000);
    await worker.outbox.drain();
    expect(told.map((call) => [call.operation, call.participation.serialNumber])).to.deep.equal([['onParticipationCreated', 'SN-IMPORT-CRASH']]);
  });
}

import { expect } from 'chai';
import { defineAdapter, type OperatorAdapter } from '@flexroll/sdk';
import type { EligibilityRules } from '../screening/EligibilityRules.js';
import { RuleBook } from '../screening/RuleBook.js';
import type { CallContext } from '../platform/CallContext.js';
import type { ProgramInstance } from '../programs/ProgramInstance.js';
import { SUZIE_CUSTOMER_INFO, suzieWithDevice, suzieWithoutDevice } from '../seeds/seedExamples.js';
import { CoreHarness, harnessOn } from './CoreHarness.js';
import { driveToActive } from './journeys.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const RULES: EligibilityRules = { allowedManufacturers: ['tesla', 'enphase'], serviceTerritory: { countries: ['USA'], postalCodePrefixes: ['100'] }, requiredFields: ['email'], notEnrolledElsewhere: true };
const OUTSIDE = { ...SUZIE_CUSTOMER_INFO.address!, postalCode: '94105', city: 'San Francisco', state: 'CA' };

async function ruled(h: CoreHarness, rules: EligibilityRules = RULES): Promise<{ context: CallContext; instance: ProgramInstance }> {
  return h.tenant('Leap Energy', { eligibilityRules: rules });
}

async function types(h: CoreHarness, context: CallContext, enrollmentId: string): Promise<string[]> {
  return (await h.events.list(context, { enrollmentId }, { page: 1, perPage: 50 })).data.map((event) => event.type);
}

/** Screening against a program instance's eligibility rules, on the store under test. */
export function screeningSpecs(store: () => StoreUnderTest): void {
  it('refuses rules a schema cannot fault, and versions every save, concurrent ones included', async () => {
    const h = harnessOn(store());
    const { context, instance } = await ruled(h);
    expect(instance.eligibilityRules?.version).to.equal(1);
    const refused = await h.instances.update(context, instance.id, { eligibilityRules: { serviceTerritory: { postalCodes: ['10001'], postalCodePrefixes: ['100'] } } }).catch((e: { details?: unknown }) => e.details);
    expect(refused).to.deep.equal([{ field: '/eligibilityRules/serviceTerritory/postalCodes/0', rule: 'covered', message: "is already covered by prefix '100'" }]);
    const saves = await Promise.all([1, 2, 3].map((n) => h.instances.update(context, instance.id, { eligibilityRules: { requiredTags: [`t${n}`] } })));
    expect(saves.map((saved) => saved.eligibilityRules!.version).sort()).to.deep.equal([2, 3, 4]);
    const stored = await h.instances.get(context, instance.id);
    const current = await h.container.get(RuleBook).current({ ...stored, eligibilityRules: { ...stored.eligibilityRules!, version: 1 } });
    expect(current?.version, 'a lagging copy finds the newest version').to.equal(4);
    expect((await h.instances.ruleVersion(context, instance.id, 1)).rules).to.deep.equal(RULES);
  });

  it('screens a candidate without a device as it is created: eligible with a notification, or ineligible with a reason a person can read', async () => {
    const h = harnessOn(store());
    const { context, instance } = await ruled(h);
    const eligible = await h.enrollments.create(context, instance.id, suzieWithoutDevice());
    expect(eligible.eligibility).to.deep.equal({ status: 'eligible', reason: 'Meets the program’s eligibility rules.', ruleVersion: 1 });
    expect(await types(h, context, eligible.id)).to.deep.equal(['enrollment.created', 'enrollment.status_changed', 'enrollment.eligible_notified']);
    const notified = (await h.events.list(context, { enrollmentId: eligible.id, types: ['enrollment.eligible_notified'] }, { page: 1, perPage: 5 })).data[0]!;
    expect(notified.data).to.deep.equal({ ruleVersion: 1, reason: 'Meets the program’s eligibility rules.', programInstanceId: instance.id });

    const ineligible = await h.enrollments.create(context, instance.id, { ...suzieWithoutDevice(), address: OUTSIDE, manufacturerSlugs: ['sonnen'] });
    expect(ineligible.eligibility).to.deep.equal({
      status: 'ineligible',
      ruleVersion: 1,
      reason: 'The customer’s device manufacturer (sonnen) is not one the program supports (tesla, enphase). The customer’s address (postal code 94105) is outside the program’s service territory.',
    });
    const moved = (await h.events.list(context, { enrollmentId: ineligible.id, types: ['enrollment.status_changed'] }, { page: 1, perPage: 5 })).data[0]!;
    expect(moved.data).to.deep.include({ from: 'candidate', to: 'ineligible', ruleVersion: 1, failedRules: ['allowedManufacturers', 'serviceTerritory'] });
  });

  it('screens again when the criteria change: an ineligible customer who moves into the territory becomes eligible', async () => {
    const h = harnessOn(store());
    const { context, instance } = await ruled(h);
    const outside = await h.enrollments.create(context, instance.id, { ...suzieWithoutDevice(), address: OUTSIDE });
    expect(outside.eligibility.status).to.equal('ineligible');
    const moved = await h.enrollments.update(context, outside.id, { changes: { address: SUZIE_CUSTOMER_INFO.address! } });
    expect(moved.eligibility).to.deep.equal({ status: 'eligible', reason: 'Meets the program’s eligibility rules.', ruleVersion: 1 });
  });

  it('with a device, follows the participation: records the verdict until AWAITING_ELIGIBILITY, then confirms it there (to submitted) and notifies', async () => {
    const h = harnessOn(store());
    const { context, instance } = await ruled(h);
    const created = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-SCREEN-1'));
    expect([created.eligibility, created.participation!.state]).to.deep.equal([{ status: 'candidate', reason: 'Meets the program’s eligibility rules.', ruleVersion: 1 }, 'ENROLMENT_REQUESTED']);
    const pid = created.participation!.id;
    await h.participations.trigger(context, pid, { trigger: 'consent_requested' });
    await h.participations.trigger(context, pid, { trigger: 'consent_granted' });
    await h.participations.recordTelemetry(context, pid, h.clock.now().toISOString());
    await h.participations.trigger(context, pid, { trigger: 'control_confirmed' });
    const after = await h.enrollments.get(context, created.id);
    expect([after.eligibility.status, after.participation!.state]).to.deep.equal(['submitted', 'AWAITING_REGISTRATION']);
    // Each status move is followed by the enrollment.updated that carries the whole enrollment (seed 004's consumers).
    expect((await types(h, context, created.id)).slice(-7)).to.deep.equal([
      'enrollment.eligibility_evaluated', 'participation.state_changed', 'enrollment.status_changed', 'enrollment.updated', 'enrollment.status_changed', 'enrollment.updated', 'enrollment.eligible_notified',
    ]);
  });

  it('finds a device already enrolled in another program instance (seed 004’s own reason), and lets the adapter add its own check', async () => {
    const sonnenShy: OperatorAdapter = defineAdapter({
      ...store().adapters[0]!,
      checkEligibility: ({ manufacturerSlugs }) => (manufacturerSlugs?.includes('enphase') ? { eligible: false, reason: 'The operator cannot dispatch enphase inverters yet.' } : undefined),
    });
    const h = new CoreHarness(store().module(), { adapters: [sonnenShy] });
    const { context, instance } = await ruled(h, { ...RULES, allowedManufacturers: ['tesla', 'enphase'] });
    const other = await h.instances.create(context, { programId: instance.programId, name: 'Other program 2025' });
    const elsewhere = await h.enrollments.create(context, other.id, { ...suzieWithoutDevice(), serialNumber: 'SN-SHARED' });
    await driveToActive(h, context, elsewhere);

    const here = await h.enrollments.create(context, instance.id, { ...SUZIE_CUSTOMER_INFO, manufacturerSlugs: ['tesla'], serialNumber: 'SN-SHARED' });
    expect(here.eligibility.reason).to.equal('The customer is already enrolled in another program.');
    const shy = await h.enrollments.create(context, instance.id, suzieWithoutDevice());
    expect(shy.eligibility).to.deep.include({ status: 'ineligible', reason: 'The operator cannot dispatch enphase inverters yet.' });
  });

  it('leaves instances without rules exactly as before: a candidate stays a candidate', async () => {
    const h = harnessOn(store());
    const { context, instance } = await h.tenant();
    const created = await h.enrollments.create(context, instance.id, suzieWithoutDevice());
    expect(created.eligibility).to.deep.equal({ status: 'candidate' });
    expect(await types(h, context, created.id)).to.deep.equal(['enrollment.created']);
  });
}

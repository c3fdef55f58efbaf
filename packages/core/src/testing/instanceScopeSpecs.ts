import { expect } from 'chai';
import { FlexrollError } from '@flexroll/sdk';
import type { CallContext } from '../platform/CallContext.js';
import { suzieWithDevice } from '../seeds/seedExamples.js';
import { harnessOn } from './CoreHarness.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

/** What a call refused with: its kind, code and message with the id taken out, or 'ok'. */
async function answer(call: Promise<unknown>, id: string): Promise<unknown> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (!FlexrollError.is(error)) throw error;
    return { kind: error.kind, code: error.code, message: error.message.replaceAll(id, '<id>'), details: error.details };
  }
}

const UNKNOWN = 'cnotanidanywhere000000009';

/**
 * Access scoped to program instances (ADR 0025), on the store: a caller limited to one instance of a workspace with two
 * meets the other's records as unknown ids, and its lists hold its instance's alone, with totals that agree.
 */
export function instanceScopeSpecs(store: () => StoreUnderTest): void {
  it('answers another instance’s records as unknown ones, and lists only the scope’s, with totals that agree', async () => {
    const h = harnessOn(store());
    const { context, instance: outside } = await h.tenant();
    const inside = await h.instances.create(context, { programId: outside.programId, name: 'Partner 2025' });
    const theirs = await h.enrollments.create(context, outside.id, suzieWithDevice('SN-scope-out'));
    const ours = await h.enrollments.create(context, inside.id, suzieWithDevice('SN-scope-in'));
    const partner: CallContext = { ...context, programInstanceIds: [inside.id] };

    expect(await answer(h.enrollments.get(partner, theirs.id), theirs.id)).to.deep.equal(await answer(h.enrollments.get(partner, UNKNOWN), UNKNOWN));
    expect(await answer(h.enrollments.update(partner, theirs.id, { changes: { tags: ['x'] } }), theirs.id)).to.deep.equal(await answer(h.enrollments.update(partner, UNKNOWN, { changes: { tags: ['x'] } }), UNKNOWN));
    expect(await answer(h.participations.find(partner, theirs.participation!.id), theirs.participation!.id)).to.deep.include({ kind: 'not_found' });
    expect(await answer(h.instances.get(partner, outside.id), outside.id)).to.deep.equal(await answer(h.instances.get(partner, UNKNOWN), UNKNOWN));
    expect(await answer(h.enrollments.list(partner, outside.id, {}, { page: 1, perPage: 10 }), outside.id)).to.deep.equal(await answer(h.enrollments.list(partner, UNKNOWN, {}, { page: 1, perPage: 10 }), UNKNOWN));
    expect(await answer(h.enrollments.get(partner, ours.id), ours.id)).to.equal('ok');
    expect((await h.enrollments.get(context, theirs.id)).seq, 'the refused change wrote nothing').to.equal(theirs.seq);

    const instances = await h.instances.list(partner, { page: 1, perPage: 10 });
    expect([instances.data.map((instance) => instance.id), instances.totalItems]).to.deep.equal([[inside.id], 1]);
    const events = await h.events.list(partner, { enrollmentId: theirs.id }, { page: 1, perPage: 10 });
    expect([events.data.length, events.totalItems], 'another instance’s enrollment lists no events').to.deep.equal([0, 0]);
    const own = await h.events.list(partner, { enrollmentId: ours.id }, { page: 1, perPage: 10 });
    expect(own.data.length).to.equal(own.totalItems).and.to.be.above(0);
    const wide = await h.events.list(partner, {}, { page: 1, perPage: 100 });
    expect([wide.data.map((event) => event.id), wide.totalItems], 'the workspace-wide list holds its instance’s events').to.deep.equal([own.data.map((event) => event.id), own.totalItems]);
  });

  it('lists the events of its instances alone, merged in the workspace list’s order, by page and by cursor, as the programInstanceId filter does', async () => {
    const h = harnessOn(store());
    const { context, instance: first } = await h.tenant();
    const second = await h.instances.create(context, { programId: first.programId, name: 'Partner B 2025' });
    const third = await h.instances.create(context, { programId: first.programId, name: 'Elsewhere 2025' });
    const instanceOf = new Map<string, string>();
    for (const [index, instance] of [first, second, third, first, second, third, second].entries()) {
      const enrollment = await h.enrollments.create(context, instance.id, suzieWithDevice(`SN-events-${index}`));
      instanceOf.set(enrollment.id, instance.id);
      h.clock.advance(1_500);
      await h.enrollments.update(context, enrollment.id, { changes: { tags: [`t${index}`] } });
    }
    const workspace = (await h.events.list(context, {}, { page: 1, perPage: 100 })).data;
    const ids = (events: readonly { id: string }[]) => events.map((event) => event.id);
    const expected = (scope: readonly string[]) => ids(workspace.filter((event) => 'enrollmentId' in event && scope.includes(instanceOf.get(event.enrollmentId)!)));
    const scopes = [[first.id], [first.id, second.id]];
    for (const scope of scopes) {
      const partner: CallContext = { ...context, programInstanceIds: scope };
      const page = await h.events.list(partner, {}, { page: 1, perPage: 100 });
      expect([ids(page.data), page.totalItems], `page form, ${scope.length} instance(s)`).to.deep.equal([expected(scope), expected(scope).length]);
      const secondPage = await h.events.list(partner, {}, { page: 2, perPage: 3 });
      expect(ids(secondPage.data), 'a later page').to.deep.equal(expected(scope).slice(3, 6));
      const walked: string[] = [];
      let after: string | undefined;
      for (let step = 0; step < 50; step++) {
        const found = await h.events.listAfter(partner, {}, 2, after);
        walked.push(...ids(found.data));
        if (!found.hasMore) break;
        after = found.nextCursor;
      }
      expect(walked, `cursor form, ${scope.length} instance(s)`).to.deep.equal(expected(scope));
    }
    const filtered = await h.events.list(context, { programInstanceId: second.id }, { page: 1, perPage: 100 });
    expect(ids(filtered.data), 'the filter, for a workspace caller').to.deep.equal(expected([second.id]));
    const narrowed = await h.events.list({ ...context, programInstanceIds: [first.id, second.id] }, { programInstanceId: first.id }, { page: 1, perPage: 100 });
    expect(ids(narrowed.data), 'the filter within a scope').to.deep.equal(expected([first.id]));
    const partner: CallContext = { ...context, programInstanceIds: [first.id] };
    const foreign = await answer(h.events.list(partner, { programInstanceId: third.id }, { page: 1, perPage: 10 }), third.id);
    expect(foreign).to.deep.include({ kind: 'not_found' });
    expect(foreign).to.deep.equal(await answer(h.events.list(partner, { programInstanceId: UNKNOWN }, { page: 1, perPage: 10 }), UNKNOWN));
    expect(await answer(h.events.listAfter(context, { programInstanceId: UNKNOWN }, 10, undefined), UNKNOWN)).to.deep.equal(foreign);
  });

  it('refuses an instance-scoped caller what would widen its reach: instances, customers, leads, and their references', async () => {
    const h = harnessOn(store());
    const { context, instance } = await h.tenant();
    const partner: CallContext = { ...context, programInstanceIds: [instance.id] };
    for (const refused of [
      h.instances.create(partner, { programId: instance.programId, name: 'Widened' }),
      h.people.createCustomer(partner, { firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie@example.com' }),
      h.people.createLead(partner, { firstName: 'Lena' }),
    ]) {
      expect(await answer(refused, '')).to.deep.include({ kind: 'forbidden', code: 'instance_scope_exceeded' });
    }
    const customer = await h.people.createCustomer(context, { firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie@example.com' });
    const byCustomer = await answer(h.enrollments.create(partner, instance.id, { identificationType: 'customerId', customerId: customer.id }), customer.id);
    expect(byCustomer).to.deep.equal(await answer(h.enrollments.create(partner, instance.id, { identificationType: 'customerId', customerId: UNKNOWN }), UNKNOWN));
  });
}

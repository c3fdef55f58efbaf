import { expect } from 'chai';
import { NotFoundError } from '@flexroll/sdk';
import { STORE_TOKENS } from '../platform/tokens.js';
import { harnessOn } from './CoreHarness.js';
import { SUZIE_CUSTOMER_INFO } from '../seeds/seedExamples.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const PAGE = { page: 1, perPage: 100 };

/** Two workspaces on one store never see each other: every read with the other's id finds nothing. */
export function isolationSpecs(store: () => StoreUnderTest): void {
  it('answers every read of another workspace’s records exactly as for an unknown id', async () => {
    const h = harnessOn(store());
    const own = await h.tenant('Leap Energy');
    const other = await h.tenant('Other Utility');
    const enrollment = await h.enrollments.create(own.context, own.instance.id, SUZIE_CUSTOMER_INFO);
    const customer = await h.people.createCustomer(own.context, { firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com' });
    const lead = await h.people.createLead(own.context, { firstName: 'Suzie' });
    const { key } = await h.apiKeys.create(own.context.workspaceId, { name: 'ops', type: 'secret', mode: 'live' });
    const pid = enrollment.participation!.id;

    const notFound = async (attempt: Promise<unknown>) => expect(await attempt.catch((e: unknown) => e)).to.be.instanceOf(NotFoundError);
    await notFound(h.enrollments.get(other.context, enrollment.id));
    await notFound(h.enrollments.update(other.context, enrollment.id, { changes: { phone: '+1999' } }));
    await notFound(h.enrollments.delete(other.context, enrollment.id));
    await notFound(h.enrollments.list(other.context, own.instance.id, {}, PAGE));
    await notFound(h.instances.get(other.context, own.instance.id));
    await notFound(h.instances.update(other.context, own.instance.id, { name: 'hijacked' }));
    await notFound(h.participations.find(other.context, pid));
    await notFound(h.participations.trigger(other.context, pid, { trigger: 'consent_requested' }));
    await notFound(h.participations.recordTelemetry(other.context, pid, h.clock.now().toISOString()));
    await notFound(h.apiKeys.revoke(other.context.workspaceId, key.id));

    const ws = other.context.workspaceId;
    expect(await h.port(STORE_TOKENS.enrollments).get(ws, enrollment.id)).to.equal(undefined);
    expect(await h.port(STORE_TOKENS.customers).get(ws, customer.id)).to.equal(undefined);
    expect(await h.port(STORE_TOKENS.leads).get(ws, lead.id)).to.equal(undefined);
    expect(await h.port(STORE_TOKENS.apiKeys).get(ws, key.id)).to.equal(undefined);
    expect(await h.port(STORE_TOKENS.programInstances).get(ws, own.instance.id)).to.equal(undefined);
    expect(await h.port(STORE_TOKENS.events).listForEnrollment(ws, enrollment.id, 0)).to.deep.equal([]);
    expect(await h.port(STORE_TOKENS.claims).get(ws, `device:${own.instance.id}:1234567890`)).to.equal(undefined);
    expect((await h.events.list(other.context, {}, PAGE)).totalItems).to.equal(0);
    expect((await h.events.list(other.context, { enrollmentId: enrollment.id }, PAGE)).data).to.deep.equal([]);
    expect(await h.apiKeys.list(ws)).to.deep.equal([]);
    expect((await h.instances.list(other.context, PAGE)).data.map((i) => i.id)).to.deep.equal([other.instance.id]);

    const untouched = await h.enrollments.get(own.context, enrollment.id);
    expect(untouched.seq).to.equal(1);
    expect((await h.instances.get(own.context, own.instance.id)).name).to.equal(own.instance.name);
  });

  it('lists enrollments page by page with seed 004’s totals, oldest first, filtered by status, tags and referenceId', async () => {
    const h = harnessOn(store());
    const { context, instance } = await h.tenant();
    const ids: string[] = [];
    for (let n = 0; n < 7; n++) {
      h.clock.advance(1000);
      const tags = n % 2 === 0 ? ['tag1', 'even'] : ['tag1'];
      ids.push((await h.enrollments.create(context, instance.id, { ...SUZIE_CUSTOMER_INFO, serialNumber: `SN-${n}`, referenceId: `REF-${n}`, tags })).id);
    }
    await h.enrollments.delete(context, ids[6]!);
    const first = await h.enrollments.list(context, instance.id, {}, { page: 1, perPage: 4 });
    const second = await h.enrollments.list(context, instance.id, {}, { page: 2, perPage: 4 });
    expect([first.totalItems, first.totalPages, first.page, first.perPage]).to.deep.equal([6, 2, 1, 4]);
    expect([...first.data, ...second.data].map((e) => e.id)).to.deep.equal(ids.slice(0, 6));
    expect((await h.enrollments.list(context, instance.id, { tags: ['tag1', 'even'] }, PAGE)).totalItems).to.equal(3);
    expect((await h.enrollments.list(context, instance.id, { referenceId: 'REF-3' }, PAGE)).data.map((e) => e.id)).to.deep.equal([ids[3]]);
    expect((await h.enrollments.list(context, instance.id, { statuses: ['approved'] }, PAGE)).totalItems).to.equal(0);
    const created = (await h.enrollments.get(context, ids[2]!)).createdAt;
    expect((await h.enrollments.list(context, instance.id, { createdFrom: created }, PAGE)).totalItems).to.equal(4);
  });
}

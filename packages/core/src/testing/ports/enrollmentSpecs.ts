import type { Enrollment, EnrollmentFilter } from '../../index.js';
import { expect } from 'chai';
import { at, enrollment, omit, participation } from './fixtures.js';
import type { SpecPorts } from './SpecPorts.js';

/** The enrollment projection: round trips, keeping the higher `seq`, replacing whole, filters, pages, tenancy. */
export function enrollmentSpecs(ports: () => SpecPorts): void {
  it('reads an enrollment back deep-equal to what was saved, with no store fields and no nulls for absent ones', async () => {
    const saved = enrollment('ws_enr_a', 'enr_round_trip', { participation: participation() });
    await ports().enrollments.save(saved);
    const read = await ports().enrollments.get('ws_enr_a', 'enr_round_trip');
    expect(read).to.deep.equal(saved);
    expect(read).to.not.have.any.keys('_id', '__v', 'deletedAt', 'enrollmentStartDate');
  });

  it('keeps the copy with the higher seq, and drops fields the newer copy no longer has', async () => {
    const first = enrollment('ws_enr_a', 'enr_seq', { seq: 2 });
    await ports().enrollments.save(first);
    await ports().enrollments.save({ ...first, seq: 1, firstName: 'Stale' });
    expect(await ports().enrollments.get('ws_enr_a', 'enr_seq')).to.deep.equal(first);
    const newer = omit({ ...first, seq: 3, eligibility: { status: 'eligible' as const } }, 'phone', 'tags', 'metadata');
    await ports().enrollments.save({ ...newer, email: undefined });
    expect(await ports().enrollments.get('ws_enr_a', 'enr_seq')).to.deep.equal(omit(newer, 'email'));
  });

  it('keeps some copy under concurrent saves of one enrollment, and the highest seq from one writer', async () => {
    const base = enrollment('ws_enr_a', 'enr_concurrent');
    await Promise.all([1, 2, 3, 4].map((seq) => ports().enrollments.save({ ...base, seq })));
    expect((await ports().enrollments.get('ws_enr_a', 'enr_concurrent'))?.seq).to.be.within(1, 4);
    for (const seq of [5, 6, 7]) await ports().enrollments.save({ ...base, seq });
    expect((await ports().enrollments.get('ws_enr_a', 'enr_concurrent'))?.seq).to.equal(7);
  });

  it('finds the enrollment holding a participation, deleted ones too, in its own workspace only', async () => {
    const holder = enrollment('ws_enr_p', 'enr_holder', { participation: participation({ id: 'vpo_held' }), deletedAt: at(5) });
    await ports().enrollments.save(holder);
    expect(await ports().enrollments.findByParticipationId('ws_enr_p', 'vpo_held')).to.deep.equal(holder);
    expect(await ports().enrollments.findByParticipationId('ws_enr_p', 'vpo_unknown')).to.equal(undefined);
    expect(await ports().enrollments.findByParticipationId('ws_enr_other', 'vpo_held')).to.equal(undefined);
  });

  it('does not give one workspace’s enrollment to another', async () => {
    await ports().enrollments.save(enrollment('ws_enr_a', 'enr_private'));
    expect(await ports().enrollments.get('ws_enr_b', 'enr_private')).to.equal(undefined);
    expect((await ports().enrollments.list('ws_enr_b', {}, { page: 1, perPage: 100 })).totalItems).to.equal(0);
  });

  describe('.list', () => {
    const ws = 'ws_enr_list';
    const rows: Enrollment[] = [
      enrollment(ws, 'enr_1', { createdAt: at(1), updatedAt: at(10), tags: ['tag1'], eligibility: { status: 'eligible' } }),
      enrollment(ws, 'enr_2', { createdAt: at(2), updatedAt: at(20), referenceId: 'REF-2', participation: participation({ id: 'vpp_2', state: 'ACTIVE' }) }),
      enrollment(ws, 'enr_3', { createdAt: at(2), updatedAt: at(30), programInstanceId: 'pi_other', tags: undefined }),
      enrollment(ws, 'enr_4', { createdAt: at(4), updatedAt: at(40), deletedAt: at(41), eligibility: { status: 'unenrolled' } }),
      enrollment(ws, 'enr_5', { createdAt: at(5), updatedAt: at(50), participation: participation({ id: 'vpp_5', state: 'SUSPENDED' }) }),
    ];
    const ids = async (filter: EnrollmentFilter): Promise<string[]> =>
      (await ports().enrollments.list(ws, filter, { page: 1, perPage: 100 })).data.map((row) => row.id);
    before(async () => {
      for (const row of [...rows].reverse()) await ports().enrollments.save(row);
      await ports().enrollments.save(enrollment('ws_enr_list_other', 'enr_foreign'));
    });

    it('orders by createdAt then id, leaves deleted enrollments out by default, and pages with totals', async () => {
      expect(await ids({})).to.deep.equal(['enr_1', 'enr_2', 'enr_3', 'enr_5']);
      expect(await ids({ includeDeleted: true })).to.deep.equal(['enr_1', 'enr_2', 'enr_3', 'enr_4', 'enr_5']);
      const second = await ports().enrollments.list(ws, {}, { page: 2, perPage: 3 });
      expect(second.data.map((row) => row.id)).to.deep.equal(['enr_5']);
      expect(second).to.include({ page: 2, perPage: 3, totalItems: 4, totalPages: 2 });
      const beyond = await ports().enrollments.list(ws, {}, { page: 9, perPage: 3 });
      expect(beyond).to.include({ totalItems: 4, totalPages: 2 });
      expect(beyond.data).to.deep.equal([]);
    });

    it('filters by program instance, status, every tag, and reference id', async () => {
      expect(await ids({ programInstanceId: 'pi_other' })).to.deep.equal(['enr_3']);
      expect(await ids({ statuses: ['eligible', 'unenrolled'] })).to.deep.equal(['enr_1']);
      expect(await ids({ statuses: ['eligible', 'unenrolled'], includeDeleted: true })).to.deep.equal(['enr_1', 'enr_4']);
      expect(await ids({ statuses: [] })).to.deep.equal([]);
      expect(await ids({ tags: ['tag1', 'tag2'] })).to.deep.equal(['enr_2', 'enr_5']);
      expect(await ids({ tags: ['tag1'] })).to.deep.equal(['enr_1', 'enr_2', 'enr_5']);
      expect(await ids({ tags: [] })).to.deep.equal(['enr_1', 'enr_2', 'enr_3', 'enr_5']);
      expect(await ids({ referenceId: 'REF-2' })).to.deep.equal(['enr_2']);
    });

    it('filters by inclusive created and updated bounds', async () => {
      expect(await ids({ createdFrom: at(2), createdTo: at(4), includeDeleted: true })).to.deep.equal(['enr_2', 'enr_3', 'enr_4']);
      expect(await ids({ updatedFrom: at(30) })).to.deep.equal(['enr_3', 'enr_5']);
      expect(await ids({ updatedTo: at(20) })).to.deep.equal(['enr_1', 'enr_2']);
    });

    it('filters by participation state and participation id, leaving out enrollments without one', async () => {
      expect(await ids({ participationStates: ['ACTIVE', 'SUSPENDED'] })).to.deep.equal(['enr_2', 'enr_5']);
      expect(await ids({ participationId: 'vpp_5' })).to.deep.equal(['enr_5']);
      expect(await ids({ participationStates: ['WINDING_DOWN'] })).to.deep.equal([]);
    });
  });
}

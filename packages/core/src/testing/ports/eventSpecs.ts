import type { EnrollmentEvent } from '../../index.js';
import { expect } from 'chai';
import { at, batchHead, updatedEvent } from './fixtures.js';
import type { SpecPorts } from './SpecPorts.js';

/** The event log: unique inserts, round trips, order, filters, pages, and tenancy. */
export function eventSpecs(ports: () => SpecPorts): void {
  it('reads an event back deep-equal to what was written, followers, nulls and awkward field names included', async () => {
    const head = batchHead('ws_events_a', 'enr_round_trip');
    expect(await ports().events.insert(head)).to.equal('inserted');
    expect(await ports().events.listForEnrollment('ws_events_a', 'enr_round_trip', 0)).to.deep.equal([head]);
  });

  it('reports a second event with the same (enrollmentId, seq) or the same id as a duplicate', async () => {
    const event = updatedEvent('ws_events_a', 'enr_dup', 1);
    expect(await ports().events.insert(event)).to.equal('inserted');
    expect(await ports().events.insert({ ...event, id: 'evt_other' })).to.equal('duplicate');
    expect(await ports().events.insert({ ...event, seq: 2 })).to.equal('duplicate');
  });

  it('lets exactly one of 50 concurrent writers take a sequence number', async () => {
    const writers = Array.from({ length: 50 }, (_, n) => ({ ...updatedEvent('ws_events_a', 'enr_race', 1), id: `evt_race_${n}` }));
    const results = await Promise.all(writers.map((event) => ports().events.insert(event)));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    expect(results.filter((result) => result === 'duplicate')).to.have.length(49);
    expect(await ports().events.listForEnrollment('ws_events_a', 'enr_race', 0)).to.have.length(1);
  });

  it('lists one enrollment’s events after a sequence number, in order, within its workspace only', async () => {
    for (const seq of [3, 1, 2]) await ports().events.insert(updatedEvent('ws_events_b', 'enr_seq', seq));
    const after1 = await ports().events.listForEnrollment('ws_events_b', 'enr_seq', 1);
    expect(after1.map((event) => event.seq)).to.deep.equal([2, 3]);
    expect(await ports().events.listForEnrollment('ws_events_other', 'enr_seq', 0)).to.deep.equal([]);
  });

  it('tells whether an event with a given seq exists, within its workspace only', async () => {
    await ports().events.insert(updatedEvent('ws_events_e', 'enr_exists', 1));
    expect(await ports().events.exists('ws_events_e', 'enr_exists', 1)).to.equal(true);
    expect(await ports().events.exists('ws_events_e', 'enr_exists', 2)).to.equal(false);
    expect(await ports().events.exists('ws_events_other', 'enr_exists', 1)).to.equal(false);
  });

  describe('.list', () => {
    const events: EnrollmentEvent[] = [
      updatedEvent('ws_events_c', 'enr_b', 1, at(10)),
      updatedEvent('ws_events_c', 'enr_a', 1, at(10)),
      updatedEvent('ws_events_c', 'enr_a', 2, at(20)),
      { ...updatedEvent('ws_events_c', 'enr_b', 2, at(30)), type: 'enrollment.deleted', data: {} },
      updatedEvent('ws_events_c', 'enr_a', 3, at(40)),
      updatedEvent('ws_events_d', 'enr_d', 1, at(10)),
    ];
    before(async () => {
      for (const event of events) await ports().events.insert(event);
    });

    it('orders by occurredAt, then enrollment, then seq, and pages with totals', async () => {
      const first = await ports().events.list('ws_events_c', {}, { page: 1, perPage: 2 });
      const second = await ports().events.list('ws_events_c', {}, { page: 2, perPage: 2 });
      const third = await ports().events.list('ws_events_c', {}, { page: 3, perPage: 2 });
      expect([...first.data, ...second.data, ...third.data].map((event) => event.id)).to.deep.equal(
        ['evt_enr_a_1', 'evt_enr_b_1', 'evt_enr_a_2', 'evt_enr_b_2', 'evt_enr_a_3'],
      );
      expect(first).to.include({ page: 1, perPage: 2, totalItems: 5, totalPages: 3 });
      expect(third.data).to.have.length(1);
    });

    it('filters by type, enrollment and inclusive time bounds', async () => {
      const ids = async (filter: Parameters<SpecPorts['events']['list']>[1]) =>
        (await ports().events.list('ws_events_c', filter, { page: 1, perPage: 10 })).data.map((event) => event.id);
      expect(await ids({ types: ['enrollment.deleted'] })).to.deep.equal(['evt_enr_b_2']);
      expect(await ids({ enrollmentId: 'enr_b' })).to.deep.equal(['evt_enr_b_1', 'evt_enr_b_2']);
      expect(await ids({ occurredFrom: at(20), occurredTo: at(30) })).to.deep.equal(['evt_enr_a_2', 'evt_enr_b_2']);
      expect(await ids({ types: [] })).to.deep.equal([]);
    });

    it('never shows another workspace’s events', async () => {
      const page = await ports().events.list('ws_events_d', {}, { page: 1, perPage: 10 });
      expect(page.data.map((event) => event.id)).to.deep.equal(['evt_enr_d_1']);
      expect(page.totalItems).to.equal(1);
    });
  });
}

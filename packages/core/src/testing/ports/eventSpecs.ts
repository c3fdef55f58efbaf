import { type EnrollmentEvent, eventKeyOf, type EventKey, type WindowRequest } from '../../index.js';
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

  it('inserts a batch in order up to its first duplicate: nothing after a head that lost, the rest up to a follower already in', async () => {
    const batch = [1, 2, 3].map((seq) => ({ ...updatedEvent('ws_events_in_order', 'enr_in_order', seq), id: `evt_in_order_${seq}` }));
    expect(await ports().events.insertInOrder(batch)).to.equal(3);
    const rival = batch.map((event) => ({ ...event, id: `${event.id}_rival` }));
    expect(await ports().events.insertInOrder([...rival, { ...updatedEvent('ws_events_in_order', 'enr_in_order', 4), id: 'evt_in_order_4_rival' }]), 'a head that lost').to.equal(0);
    expect((await ports().events.listForEnrollment('ws_events_in_order', 'enr_in_order', 0)).map((event) => event.id), 'nothing of it written').to.deep.equal(batch.map((event) => event.id));
    const next = [4, 5, 6].map((seq) => ({ ...updatedEvent('ws_events_in_order', 'enr_in_order', seq), id: `evt_in_order_${seq}` }));
    expect(await ports().events.insert(next[1]!)).to.equal('inserted');
    expect(await ports().events.insertInOrder(next), 'stops at the follower already in').to.equal(1);
    expect((await ports().events.listForEnrollment('ws_events_in_order', 'enr_in_order', 3)).map((event) => event.seq)).to.deep.equal([4, 5]);
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

    it('walks in recording order (occurredAt, then enrollment, then seq, for events recorded when they occurred), window by window', async () => {
      const first = await ports().events.list('ws_events_c', {}, window(0, 2));
      const second = await ports().events.list('ws_events_c', {}, window(2, 2));
      const third = await ports().events.list('ws_events_c', {}, window(4, 2));
      expect([...first.items, ...second.items, ...third.items].map((event) => event.id)).to.deep.equal(
        ['evt_enr_a_1', 'evt_enr_b_1', 'evt_enr_a_2', 'evt_enr_b_2', 'evt_enr_a_3'],
      );
      expect(first).to.deep.include({ ended: false, scanLimited: false, matched: 3, resumeAfter: [at(10), 'enr_b', 1] });
      expect(third).to.deep.include({ ended: true, matched: 5 });
      expect(third.items).to.have.length(1);
      const resumed = await ports().events.list('ws_events_c', {}, { ...window(0, 2), after: first.resumeAfter! });
      expect(resumed.items.map((event) => event.id)).to.deep.equal(['evt_enr_a_2', 'evt_enr_b_2']);
    });

    it('filters by type, enrollment and inclusive time bounds', async () => {
      const ids = async (filter: Parameters<SpecPorts['events']['list']>[1]) =>
        (await ports().events.list('ws_events_c', filter, window(0, 10))).items.map((event) => event.id);
      expect(await ids({ types: ['enrollment.deleted'] })).to.deep.equal(['evt_enr_b_2']);
      expect(await ids({ enrollmentId: 'enr_b' })).to.deep.equal(['evt_enr_b_1', 'evt_enr_b_2']);
      expect(await ids({ occurredFrom: at(20), occurredTo: at(30) })).to.deep.equal(['evt_enr_a_2', 'evt_enr_b_2']);
      expect(await ids({ types: [] })).to.deep.equal([]);
    });

    it('never shows another workspace’s events', async () => {
      const found = await ports().events.list('ws_events_d', {}, window(0, 10));
      expect(found.items.map((event) => event.id)).to.deep.equal(['evt_enr_d_1']);
      expect(found).to.include({ ended: true, matched: 1 });
      expect(await ports().events.list('ws_events_other', {}, window(0, 10))).to.deep.include({ items: [], ended: true, matched: 0 });
    });

    it('stops at the scan limit with the position it reached, and a resumed walk goes on from there', async () => {
      const limited = await ports().events.list('ws_events_c', { types: ['enrollment.deleted'] }, { ...window(0, 10), scanLimit: 2 });
      expect(limited).to.deep.include({ items: [], ended: false, scanLimited: true, resumeAfter: [at(10), 'enr_b', 1] });
      const resumed = await ports().events.list('ws_events_c', { types: ['enrollment.deleted'] }, { ...window(0, 10), scanLimit: 2, after: limited.resumeAfter! });
      expect(resumed.items.map((event) => event.id)).to.deep.equal(['evt_enr_b_2']);
    });

    it('counts one enrollment’s whole log when asked to, past the page', async () => {
      expect(await ports().events.list('ws_events_c', { enrollmentId: 'enr_a' }, { ...window(0, 1), countAll: true })).to.deep.include({ ended: true, matched: 3 });
    });
  });

  describe('.list across buckets', () => {
    // Seconds, minutes, hours, days, months and years apart, inserted out of order, and one event a provider dated
    // in the past: recorded last, so listed last (a cursor that has passed its occurrence still meets it).
    const times = ['2031-02-01T00:00:00.000Z', '2030-01-01T00:00:59.500Z', '2030-01-01T00:01:00.000Z', '2030-01-01T00:00:59.100Z', '2030-01-01T01:00:00.000Z', '2030-01-02T00:00:00.000Z', '2030-02-01T00:00:00.000Z'];
    const sorted = [...times].sort();
    const dated = { ...updatedEvent('ws_events_f', 'enr_f_dated', 1, '2029-06-01T00:00:00.000Z'), recordedAt: '2031-03-01T00:00:00.000Z' };
    before(async () => {
      for (const time of times) await ports().events.insert(updatedEvent('ws_events_f', `enr_f_${sorted.indexOf(time)}`, 1, time));
      await ports().events.insert(dated);
      await ports().events.insert(updatedEvent('ws_events_f', 'enr_f_dated', 2, '2031-03-01T00:00:00.000Z'));
    });

    it('walks every bucket in order, one window after another', async () => {
      const seen: string[] = [];
      let after: EventKey | undefined;
      for (let step = 0; step < 20; step++) {
        const found = await ports().events.list('ws_events_f', {}, { ...window(0, 2), ...(after === undefined ? {} : { after }) });
        seen.push(...found.items.map((event) => event.id));
        if (found.ended) break;
        after = found.resumeAfter;
      }
      expect(seen).to.deep.equal([...sorted.map((_, n) => `evt_enr_f_${n}_1`), 'evt_enr_f_dated_1', 'evt_enr_f_dated_2']);
    });

    it('starts at occurredFrom, and finds an event dated before it only by its occurrence', async () => {
      const found = await ports().events.list('ws_events_f', { occurredFrom: '2030-01-02T00:00:00.000Z' }, window(0, 10));
      expect(found.items.map((event) => event.id)).to.deep.equal(['evt_enr_f_4_1', 'evt_enr_f_5_1', 'evt_enr_f_6_1', 'evt_enr_f_dated_2']);
      const early = await ports().events.list('ws_events_f', { occurredTo: '2029-12-31T00:00:00.000Z' }, window(0, 10));
      expect(early.items.map((event) => event.id)).to.deep.equal(['evt_enr_f_dated_1']);
    });

    it('lists one enrollment’s log in seq order, its recording order', async () => {
      const found = await ports().events.list('ws_events_f', { enrollmentId: 'enr_f_dated' }, window(0, 10));
      expect(found.items.map((event) => event.seq)).to.deep.equal([1, 2]);
      const after = await ports().events.list('ws_events_f', { enrollmentId: 'enr_f_dated' }, { ...window(0, 10), after: eventKeyOf(found.items[0]!) });
      expect(after.items.map((event) => event.seq)).to.deep.equal([2]);
    });

  });

  describe('.list of one program instance (issue 24)', () => {
    // Two instances' events across seconds, minutes and days, written one by one and in a dense bulk write (finer
    // buckets), and one event of no instance: each instance's list is the workspace's list narrowed to it.
    const workspaceId = 'ws_events_pi';
    const of = (programInstanceId: string | undefined, enrollmentId: string, seq: number, occurredAt: string): EnrollmentEvent => ({
      ...updatedEvent(workspaceId, enrollmentId, seq, occurredAt), ...(programInstanceId === undefined ? {} : { programInstanceId }),
    });
    const times = ['2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.500Z', '2030-01-01T00:00:01.000Z', '2030-01-01T00:01:00.000Z', '2030-01-02T00:00:00.000Z'];
    before(async () => {
      for (const [index, time] of times.entries()) {
        await ports().events.insert(of('pi_a', `enr_pia_${index}`, 1, time));
        await ports().events.insert(of('pi_b', `enr_pib_${index}`, 1, time));
      }
      await ports().events.insert(of(undefined, 'enr_pi_none', 1, '2030-01-01T00:00:01.000Z'));
      const bulk = Array.from({ length: 70 }, (_, n) => of(n % 2 === 0 ? 'pi_a' : 'pi_b', `enr_pibulk_${String(n).padStart(2, '0')}`, 1, '2030-01-01T00:00:02.000Z'));
      await ports().events.insertMany(bulk);
    });

    const walk = async (programInstanceId: string | undefined, step: (after: EventKey | undefined, skip: number) => WindowRequest<EventKey>): Promise<string[]> => {
      const seen: string[] = [];
      let after: EventKey | undefined;
      for (let page = 0; page < 200; page++) {
        const found = await ports().events.list(workspaceId, programInstanceId === undefined ? {} : { programInstanceId }, step(after, seen.length));
        seen.push(...found.items.map((event) => event.id));
        if (found.ended) break;
        after = found.resumeAfter;
      }
      return seen;
    };

    it('holds the instance’s events alone, in the workspace list’s order, by cursor and by page', async () => {
      const workspace = await ports().events.list(workspaceId, {}, window(0, 1000));
      expect(workspace.items.map((event) => event.id)).to.include('evt_enr_pi_none_1');
      for (const instance of ['pi_a', 'pi_b']) {
        const expected = workspace.items.filter((event) => event.programInstanceId === instance).map((event) => event.id);
        expect(expected.length, instance).to.equal(40);
        expect(await walk(instance, (after) => ({ ...window(0, 3), ...(after === undefined ? {} : { after }) })), `${instance} by cursor`).to.deep.equal(expected);
        expect(await walk(instance, (_after, skip) => window(skip, 7)), `${instance} by page`).to.deep.equal(expected);
      }
    });

    it('is empty for an instance with no events, and for another workspace’s instance', async () => {
      expect((await ports().events.list(workspaceId, { programInstanceId: 'pi_none' }, window(0, 10))).items).to.deep.equal([]);
      expect((await ports().events.list('ws_events_other', { programInstanceId: 'pi_a' }, window(0, 10))).items).to.deep.equal([]);
    });

    it('filters an instance’s list by type and time', async () => {
      const found = await ports().events.list(workspaceId, { programInstanceId: 'pi_a', occurredFrom: '2030-01-01T00:01:00.000Z' }, window(0, 10));
      expect(found.items.map((event) => event.id)).to.deep.equal(['evt_enr_pia_3_1', 'evt_enr_pia_4_1']);
      expect((await ports().events.list(workspaceId, { programInstanceId: 'pi_a', types: ['enrollment.created'] }, window(0, 10))).items).to.deep.equal([]);
    });
  });
}

function window(skip: number, take: number): WindowRequest<EventKey> {
  return { skip, take, scanLimit: 1000 };
}

import { expect } from 'chai';
import mongoose from 'mongoose';
import { type EnrollmentEvent, resolvePort, STORE_TOKENS } from '@flexroll/core';
import { newCuid } from '@flexroll/core/testing';
import { TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';

const SECOND = '2025-01-01T08:00:07';
/** Enrollments a bulk write records at one instant, as an import's chunk is. */
const IMPORTED = 300;

function event(workspaceId: string, enrollmentId: string, seq: number, recordedAt: string): EnrollmentEvent {
  return {
    id: `evt_${enrollmentId}_${seq}`, workspaceId, enrollmentId, seq, type: 'enrollment.deleted', occurredAt: recordedAt,
    actor: { type: 'system', id: 'specs' }, source: 'api', data: {}, batch: { id: `bat_${enrollmentId}_${seq}`, index: 0, size: 1 },
  };
}

/** The list's order (ADR 0021): recorded, then enrollment, then `seq`. */
function listOrder(left: EnrollmentEvent, right: EnrollmentEvent): number {
  const l = [left.recordedAt ?? left.occurredAt, left.enrollmentId] as const;
  const r = [right.recordedAt ?? right.occurredAt, right.enrollmentId] as const;
  return l[0] !== r[0] ? (l[0] < r[0] ? -1 : 1) : l[1] !== r[1] ? (l[1] < r[1] ? -1 : 1) : left.seq - right.seq;
}

describeOnEachStore('GET /events in a dense second: a bulk write\'s second is listed whole and in order, by finer buckets (issue 18)', (store) => {
  let server: TestServer;
  let key: string;
  let events: EnrollmentEvent[];

  before(async () => {
    server = await TestServer.start(store, { rateLimitPerMinute: 1_000_000 });
    let workspaceId: string;
    ({ key, workspaceId } = await server.workspace());
    const port = resolvePort(server.container, STORE_TOKENS.events);
    // One at a time before the import and after it, in the same second (the second's own bucket), and a bulk write
    // of 300 enrollments × 2 events at one instant (finer buckets), with one of the single writes at that instant too.
    const early = Array.from({ length: 5 }, (_, n) => event(workspaceId, newCuid(), 1, `${SECOND}.${String(100 + n).padStart(3, '0')}Z`));
    const bulk = Array.from({ length: IMPORTED }, () => newCuid()).flatMap((id) => [event(workspaceId, id, 1, `${SECOND}.500Z`), event(workspaceId, id, 2, `${SECOND}.500Z`)]);
    const beside = [event(workspaceId, newCuid(), 1, `${SECOND}.500Z`), event(workspaceId, newCuid(), 1, `${SECOND}.900Z`), event(workspaceId, newCuid(), 1, '2025-01-01T08:00:08.000Z')];
    for (const one of early) await port.insert(one);
    await port.insertMany(bulk);
    for (const one of beside) await port.insert(one);
    events = [...early, ...bulk, ...beside].sort(listOrder);
  });
  after(async () => {
    expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]);
    await server.stop();
  });

  it('walks every event once, in the list\'s order, by cursor pages of any size', async () => {
    for (const limit of [1, 7, 100]) {
      const ids: string[] = [];
      for (let cursor: string | undefined, pages = 0; pages === 0 || cursor !== undefined; pages++) {
        const page = await server.get(`/events?limit=${limit}${cursor === undefined ? '' : `&after=${cursor}`}`, { key });
        expect(page.status, JSON.stringify(page.body)).to.equal(200);
        ids.push(...page.body.data.map((item: { id: string }) => item.id));
        cursor = page.body.nextCursor;
        if (limit === 1 && pages === 40) break;
      }
      const expected = events.map((item) => item.id);
      expect(ids, `limit ${limit}`).to.deep.equal(limit === 1 ? expected.slice(0, ids.length) : expected);
    }
  });

  it('answers the page form inside the dense second as the walk does, with totals on the last page', async () => {
    const page = await server.get('/events?page=7&perPage=50', { key });
    expect(page.body.data.map((item: { id: string }) => item.id)).to.deep.equal(events.slice(300, 350).map((item) => item.id));
    const last = await server.get('/events?page=13&perPage=50', { key });
    expect(last.body).to.include({ totalItems: events.length, totalPages: 13 });
    expect(last.body.data.map((item: { id: string }) => item.id)).to.deep.equal(events.slice(600).map((item) => item.id));
  });

  it('reads about what a page returns in the dense second, not the whole second (MongoDB: events decoded)', async function () {
    if (store.name !== 'mongodb') this.skip();
    const read = await eventsDecodedBy(() => server.get('/events?limit=1', { key }));
    // The second's own bucket (the 5 single writes before the import and 2 beside it), then the first finer bucket
    // (one instant, enrollments whose ids start with the same two characters), and the three asked for ahead of it. Before: the whole second, 607.
    expect(read, 'events read for a page of one').to.be.below(120);
  });

  it('answers a filter starting inside the dense second from it on', async () => {
    const page = await server.get(`/events?occurredFrom=${SECOND}.600Z&limit=10`, { key });
    expect(page.body.data.map((item: { id: string }) => item.id)).to.deep.equal(events.filter((item) => item.occurredAt >= `${SECOND}.600Z`).map((item) => item.id));
  });
});

/** How many event documents the store decoded while `work` ran (every find on `enrollment_events`). */
async function eventsDecodedBy(work: () => Promise<unknown>): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, and called with its query as `this`
  const exec = mongoose.Query.prototype.exec;
  let decoded = 0;
  mongoose.Query.prototype.exec = async function (this: mongoose.Query<unknown, unknown>, ...args: []) {
    const result: unknown = await exec.apply(this, args);
    if (this.model.collection.collectionName === 'enrollment_events' && Array.isArray(result)) decoded += result.length;
    return result;
  } as typeof exec;
  try {
    await work();
  } finally {
    mongoose.Query.prototype.exec = exec;
  }
  return decoded;
}

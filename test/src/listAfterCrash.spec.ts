import { expect } from 'chai';
import { resolvePort, STORE_TOKENS } from '@flexroll/core';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from './support/fixtures.js';
import { describeOnEachStore } from './support/stores.js';

interface Listed {
  id: string;
  phone?: string;
  eligibilityStatus: string;
}

describeOnEachStore('A list never shows an enrollment older than GET does, after a crash between its writes (issue 18)', (store) => {
  let server: TestServer;
  /** While true, every projection save fails, as if the process had died right after appending the change's events. */
  let dead = false;
  before(async () => {
    server = await TestServer.start(store);
    // Before anything saves a projection (a store may wrap each method once, on its first use): saves that fail while
    // the "process is dead", and otherwise are the store's own.
    const projections = resolvePort(server.container, STORE_TOKENS.enrollments) as unknown as Record<string, unknown>;
    const prototype = Object.getPrototypeOf(projections) as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of ['save', 'saveMany']) {
      const own = prototype[method]!;
      projections[method] = async function (this: unknown, ...args: unknown[]) {
        if (dead) throw new Error('simulated kill -9 between the append and the projection save');
        return own.apply(this, args);
      };
    }
  });
  after(async () => server?.stop());

  /**
   * A process killed after a change's events were appended and before its projection was saved: the events are in the
   * store, the projection (what a list reads) is not. Failing the projection saves of one change leaves the store so.
   */
  async function crashBeforeTheProjection(change: () => Promise<{ status: number }>): Promise<void> {
    dead = true;
    try {
      expect((await change()).status, 'the change is in the log').to.equal(200);
      // A dead process does nothing after: what this one does in the background after answering fails as well.
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      dead = false;
    }
  }

  it('lists the values GET answers, and counts them in the filters and totals, when the projection was left behind', async () => {
    const { key } = await server.workspace('Leap Energy');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025' } });
    const path = `/programInstances/${instance.body.id}/enrollments`;
    const lagging = (await server.post(path, { key, body: { ...SUZIE, serialNumber: 'SN-crash-1' } })).body.id as string;
    await server.post(path, { key, body: { ...SUZIE, serialNumber: 'SN-crash-2' } });
    expect((await server.get(`${path}?perPage=10`, { key })).body.data).to.have.length(2);

    await crashBeforeTheProjection(() => server.patch(`/enrollments/${lagging}`, { key, body: { phone: '+15550001111' } }));
    await crashBeforeTheProjection(() => server.patch(`/enrollments/${lagging}`, { key, body: { status: 'ineligible', reason: 'Outside service area' } }));

    // The list first: a GET would repair the projection itself and hide what the list alone would show.
    const listed = (await server.get(`${path}?perPage=10`, { key })).body.data as Listed[];
    const ineligible = await server.get(`${path}?status=ineligible&perPage=10`, { key });
    const got = (await server.get(`/enrollments/${lagging}`, { key })).body as Listed;
    expect([got.phone, got.eligibilityStatus]).to.deep.equal(['+15550001111', 'ineligible']);
    expect(listed.find((item) => item.id === lagging), 'the list row is what GET answers').to.deep.equal(got);
    expect([ineligible.body.data.map((item: Listed) => item.id), ineligible.body.totalItems], 'the status filter and its total count the change').to.deep.equal([[lagging], 1]);
  });
});

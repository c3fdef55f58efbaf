import { expect } from 'chai';
import { TestServer } from './support/TestServer.js';
import { holdPrograms, until } from './support/holdPrograms.js';
import { describeOnEachStore, type StoreChoice } from './support/stores.js';

describeOnEachStore('One workspace cannot take every place: a cap on its requests in flight (ADR 0020)', (store: StoreChoice) => {
  const servers: TestServer[] = [];
  const start = async (workspaceConcurrentRequests: number, workspaceQueueWaitMs: number) => {
    const server = await TestServer.start(store, { workspaceConcurrentRequests, workspaceQueueWaitMs });
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]);
      await server.stop();
    }
  });

  it("answers workspace B while workspace A's requests fill A's places, and A's excess 429 with Retry-After", async () => {
    const server = await start(2, 200);
    const a = await server.workspace('Workspace A');
    const b = await server.workspace('Workspace B');
    const hold = holdPrograms(server);
    try {
      const running = [server.get('/programs', { key: a.key }), server.get('/programs', { key: a.key })];
      await until(() => hold.signals.length === 2);
      const excess = await server.get('/programs', { key: a.key });
      expect([excess.status, excess.body.error.type, excess.body.error.code, excess.headers.get('retry-after')]).to.deep.equal([429, 'rate_limited', 'too_many_concurrent_requests', '1']);
      const neighbour = await server.get('/enrollments/cnotanidanywhere000000001', { key: b.key });
      expect([neighbour.status, neighbour.body.error.code], "B is answered by the store while A holds all of A's places").to.deep.equal([404, 'enrollment_not_found']);
      expect(hold.signals.length, "the refused request never reached A's service").to.equal(2);
      hold.open();
      expect((await Promise.all(running)).map((answer) => answer.status)).to.deep.equal([200, 200]);
      expect((await server.get('/programs', { key: a.key })).status, 'the places are given back').to.equal(200);
    } finally {
      hold.restore();
    }
  });

  it('gives a freed place to the request that was waiting for it', async () => {
    const server = await start(1, 60_000);
    const a = await server.workspace('Workspace A');
    const hold = holdPrograms(server);
    try {
      const first = server.get('/programs', { key: a.key });
      await until(() => hold.signals.length === 1);
      const waiting = server.get('/programs', { key: a.key });
      hold.open();
      expect([(await first).status, (await waiting).status]).to.deep.equal([200, 200]);
    } finally {
      hold.restore();
    }
  });

  it("stops a read whose client has gone: its work sees the caller's signal aborted, and its place is given back", async () => {
    const server = await start(1, 0);
    const a = await server.workspace('Workspace A');
    const hold = holdPrograms(server);
    try {
      const leaving = new AbortController();
      const abandoned = fetch(`${server.base}/programs`, { headers: { authorization: `Bearer ${a.key}` }, signal: leaving.signal }).catch((error: unknown) => error);
      await until(() => hold.signals.length === 1);
      const signal = hold.signals[0];
      expect(signal?.aborted, 'a read runs with the signal of its client').to.equal(false);
      leaving.abort();
      await abandoned;
      await until(() => signal?.aborted === true);
      hold.open();
      const next = await server.get('/programs', { key: a.key });
      expect(next.status, "the abandoned request's place is free again").to.equal(200);
    } finally {
      hold.restore();
    }
  });
});

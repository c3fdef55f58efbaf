import { expect } from 'chai';
import { TestServer } from './support/TestServer.js';
import { holdPrograms, until } from './support/holdPrograms.js';
import { describeOnEachStore } from './support/stores.js';

describeOnEachStore("A workspace's list reads have fewer places than its other requests (issue 18)", (store) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    expect(server?.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]);
    await server?.stop();
  });

  it("answers A's single reads while A's one list place is taken, and A's second list 429 with Retry-After", async () => {
    server = await TestServer.start(store, { workspaceConcurrentRequests: 8, workspaceConcurrentListReads: 1, workspaceQueueWaitMs: 200 });
    const a = await server.workspace('Workspace A');
    const hold = holdPrograms(server);
    try {
      const first = server.get('/programs', { key: a.key });
      await until(() => hold.signals.length === 1);
      const second = await server.get('/events?perPage=1', { key: a.key });
      expect([second.status, second.body.error.code, second.headers.get('retry-after')], 'a second list of A waits, then is refused').to.deep.equal([429, 'too_many_concurrent_requests', '1']);
      const single = await server.get('/enrollments/cnotanidanywhere000000001', { key: a.key });
      expect([single.status, single.body.error.code], "A's single reads keep their places").to.deep.equal([404, 'enrollment_not_found']);
      hold.open();
      expect((await first).status).to.equal(200);
      expect((await server.get('/events?perPage=1', { key: a.key })).status, 'the list place is given back').to.equal(200);
    } finally {
      hold.restore();
    }
  });
});

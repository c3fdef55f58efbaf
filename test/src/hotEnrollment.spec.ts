import { expect } from 'chai';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from './support/fixtures.js';
import { describeOnEachStore } from './support/stores.js';

const WRITERS = 50;
const READERS = 10;

describeOnEachStore('A hot enrollment: its writers queue or get 409 with Retry-After; everyone else is served', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { rateLimitPerMinute: 100_000 });
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it(`answers ${WRITERS} concurrent PATCHes of one enrollment with 200 or 409 enrollment_contended, keeps its log whole, and serves other reads`, async function () {
    this.timeout(120_000);
    const { key } = await server.workspace('Leap Energy');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025' } });
    const path = `/programInstances/${instance.body.id}/enrollments`;
    const hot = await server.post(path, { key, body: { ...SUZIE, serialNumber: 'SN-hot' } });
    const others = await Promise.all(Array.from({ length: READERS }, (_, n) => server.post(path, { key, body: { ...SUZIE, serialNumber: `SN-cool-${n}` } })));

    const [writes, reads] = await Promise.all([
      Promise.all(Array.from({ length: WRITERS }, (_, n) => server.patch(`/enrollments/${hot.body.id}`, { key, body: { tags: [`writer-${n}`] } }))),
      Promise.all(others.map((other) => server.get(`/enrollments/${other.body.id}`, { key }))),
    ]);
    expect(reads.map((read) => read.status), 'other enrollments are read as usual').to.deep.equal(reads.map(() => 200));
    for (const write of writes.filter((w) => w.status !== 200)) {
      expect([write.status, write.body.error.code, write.headers.get('retry-after')]).to.deep.equal([409, 'enrollment_contended', '1']);
    }
    const applied = writes.filter((write) => write.status === 200).length;
    expect(applied, 'some writers got through').to.be.above(0);
    const events = await server.get(`/events?enrollmentId=${hot.body.id}&perPage=100`, { key });
    expect(events.body.data.map((event: { seq: number }) => event.seq)).to.deep.equal(Array.from({ length: applied + 1 }, (_, i) => i + 1));
  });
});

import { expect } from 'chai';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { COMMUNITY_POWERSHARE, SUZIE } from './support/fixtures.js';
import { describeOnEachStore } from './support/stores.js';

const WRITERS = 8;
const ENROLLMENTS = 80;
const CRASH_WARNING = 'completing a change a crash cut short';

describeOnEachStore('Concurrent writers log no crash recovery when nothing crashed (issue 18, defect 6)', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { rateLimitPerMinute: 1_000_000 });
  });
  after(async () => server?.stop());

  it(`${WRITERS} writers walking ${ENROLLMENTS} enrollments with multi-event changes, and readers beside them, log no "${CRASH_WARNING}"`, async function () {
    this.timeout(240_000);
    const { key } = await server.workspace('Leap Energy');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025' } });
    const path = `/programInstances/${instance.body.id}/enrollments`;
    const ids: string[] = [];
    for (let n = 0; n < ENROLLMENTS; n++) ids.push((await server.post(path, { key, body: { ...SUZIE, serialNumber: `SN-walk-${n}` } })).body.id as string);
    server.logLines.length = 0;

    // Each writer walks every enrollment, one step behind the writer before it, so writers of one enrollment queue.
    // A move to ineligible and a data change that screens it back to candidate are each a batch of several events,
    // and readers that go on reading while the writers write meet those batches half appended.
    const statuses: number[] = [];
    let writing = true;
    const writers = Promise.all(Array.from({ length: WRITERS }, async (_, writer) => {
      for (let step = 0; step < ENROLLMENTS; step++) {
        const id = ids[(step + writer) % ENROLLMENTS]!;
        const body = (step + writer) % 2 === 0 ? { status: 'ineligible', reason: 'Outside service area' } : { phone: `+1555${String(writer * 1000 + step).padStart(6, '0')}` };
        statuses.push((await server.patch(`/enrollments/${id}`, { key, body })).status);
      }
    })).finally(() => (writing = false));
    const readers = Promise.all(Array.from({ length: WRITERS }, async (_, reader) => {
      for (let n = reader; writing; n += 7) statuses.push((await server.get(`/enrollments/${ids[n % ENROLLMENTS]!}`, { key })).status);
    }));
    await Promise.all([writers, readers]);

    expect(statuses.filter((status) => status !== 200 && status !== 409), 'every request answered as designed').to.deep.equal([]);
    const warnings = server.logLines.map((line) => JSON.parse(line) as { level: string; message: string }).filter((line) => line.message === CRASH_WARNING);
    expect(warnings, 'no crash recovery reported when no process crashed').to.deep.equal([]);
  });
});

import { expect } from 'chai';
import { buildOpenApiDocument } from '@flexroll/api';
import { TestServer } from './support/TestServer.js';
import { SUZIE } from './support/fixtures.js';
import { describeOnEachStore } from './support/stores.js';
import { buildWorld, type World } from './support/World.js';

/** How many times each race runs: one winner and one 412 every time. */
const TRIALS = 25;

describeOnEachStore('ETag and If-Match on enrollments, participations and program instances (issue 24)', (store) => {
  let server: TestServer;
  /** A second process of the same deployment on MongoDB (the embedded store lives in one process). */
  let peer: TestServer;
  let world: World;
  before(async function () {
    this.timeout(60_000);
    server = await TestServer.start(store, { rateLimitPerMinute: 1_000_000 });
    peer = store.name === 'mongodb' ? await TestServer.start(store, { rateLimitPerMinute: 1_000_000, sharedDbName: server.dbName! }) : server;
    world = await buildWorld(server, 'Leap Energy');
  });
  after(async () => {
    if (peer !== server) await peer?.stop();
    await server?.stop();
  });
  afterEach(() => expect([...server.contract.violations, ...(peer === server ? [] : peer.contract.violations)], 'responses match the OpenAPI contract').to.deep.equal([]));

  const etagOf = async (path: string) => (await server.get(path, { key: world.key })).headers.get('etag')!;

  it('answers GET with a strong ETag, the enrollment’s seq, and every change with the new one', async () => {
    const read = await server.get(`/enrollments/${world.enrollmentId}`, { key: world.key });
    expect(read.headers.get('etag')).to.match(/^"[1-9][0-9]*"$/);
    const changed = await server.patch(`/enrollments/${world.enrollmentId}`, { key: world.key, body: { tags: ['etag'] }, headers: { 'if-match': read.headers.get('etag')! } });
    expect(changed.status).to.equal(200);
    expect(changed.headers.get('etag')).to.not.equal(read.headers.get('etag'));
    expect(await etagOf(`/enrollments/${world.enrollmentId}`)).to.equal(changed.headers.get('etag'));
    const participation = await server.get(`/vpp-participations/${world.participationId}`, { key: world.key });
    expect(participation.headers.get('etag'), 'a participation moves with its enrollment').to.equal(changed.headers.get('etag'));
    const instance = await server.get(`/programInstances/${world.instanceId}`, { key: world.key });
    expect(instance.headers.get('etag')).to.equal('"1"');
  });

  it('answers a stale If-Match with 412 precondition_failed and the current ETag, changing nothing', async () => {
    const current = await etagOf(`/enrollments/${world.enrollmentId}`);
    const before = (await server.get(`/enrollments/${world.enrollmentId}`, { key: world.key })).body;
    const cases: Array<[string, () => Promise<{ status: number; headers: Headers; body: any }>]> = [
      ['PATCH', () => server.patch(`/enrollments/${world.enrollmentId}`, { key: world.key, body: { tags: ['stale'] }, headers: { 'if-match': '"1"' } })],
      ['DELETE', () => server.delete(`/enrollments/${world.enrollmentId}`, { key: world.key, headers: { 'if-match': '"1"' } })],
      ['a weak tag', () => server.patch(`/enrollments/${world.enrollmentId}`, { key: world.key, body: { tags: ['weak'] }, headers: { 'if-match': `W/${current}` } })],
      ['consent', () => server.post(`/vpp-participations/${world.participationId}/consent`, { key: world.key, body: { terms_version: '2025-01' }, headers: { 'if-match': '"1"' } })],
      ['a trigger', () => server.post(`/vpp-participations/${world.participationId}/triggers`, { key: world.key, body: { trigger: 'consent_requested' }, headers: { 'if-match': '"1", "0"' } })],
    ];
    for (const [what, send] of cases) {
      const refused = await send();
      expect([refused.status, refused.body.error.type, refused.body.error.code, refused.headers.get('etag')], what).to.deep.equal([412, 'precondition_failed', 'precondition_failed', current]);
    }
    expect((await server.get(`/enrollments/${world.enrollmentId}`, { key: world.key })).body).to.deep.equal(before);
  });

  it('accepts `*` and a list naming the current version; refuses a malformed If-Match with 400 naming the header; ignores none', async () => {
    const current = await etagOf(`/enrollments/${world.enrollmentId}`);
    const listed = await server.patch(`/enrollments/${world.enrollmentId}`, { key: world.key, body: { tags: ['listed'] }, headers: { 'if-match': `"999", ${current}` } });
    expect(listed.status).to.equal(200);
    const any = await server.patch(`/enrollments/${world.enrollmentId}`, { key: world.key, body: { tags: ['any'] }, headers: { 'if-match': '*' } });
    expect(any.status).to.equal(200);
    const plain = await server.patch(`/enrollments/${world.enrollmentId}`, { key: world.key, body: { tags: ['plain'] } });
    expect(plain.status, 'without If-Match, as before').to.equal(200);
    for (const malformed of ['7', '"7', 'W/7', '"7" "8"', ',']) {
      const refused = await server.patch(`/enrollments/${world.enrollmentId}`, { key: world.key, body: { tags: ['x'] }, headers: { 'if-match': malformed } });
      expect([refused.status, refused.body.error.details[0].field], malformed).to.deep.equal([400, '/headers/if-match']);
    }
    const unknown = await server.patch('/enrollments/cnotanidanywhere000000001', { key: world.key, body: { tags: ['x'] }, headers: { 'if-match': '"1"' } });
    expect(unknown.status, 'a missing record is a 404 whatever If-Match says').to.equal(404);
  });

  it(`lets exactly one of two enrollment writers with the same ETag win, ${TRIALS} times`, async function () {
    this.timeout(120_000);
    const enrollment = await server.post(`/programInstances/${world.instanceId}/enrollments`, { key: world.key, body: { ...SUZIE, serialNumber: 'SN-etag-race' } });
    for (let trial = 0; trial < TRIALS; trial++) {
      const etag = await etagOf(`/enrollments/${enrollment.body.id}`);
      const answers = await Promise.all([server, peer].map((side, n) =>
        side.patch(`/enrollments/${enrollment.body.id}`, { key: world.key, body: { tags: [`writer-${n}-${trial}`] }, headers: { 'if-match': etag } })));
      expect(answers.map((answer) => answer.status).sort(), `trial ${trial}`).to.deep.equal([200, 412]);
      const [won, lost] = answers[0]!.status === 200 ? answers : [answers[1]!, answers[0]!];
      expect(lost!.headers.get('etag'), 'the loser is told the winner’s version').to.equal(won!.headers.get('etag'));
      expect((await server.get(`/enrollments/${enrollment.body.id}`, { key: world.key })).body.tags).to.deep.equal(won!.body.tags);
    }
  });

  it(`lets exactly one of two program instance writers with the same ETag win, ${TRIALS} times`, async function () {
    this.timeout(120_000);
    for (let trial = 0; trial < TRIALS; trial++) {
      const etag = await etagOf(`/programInstances/${world.instanceId}`);
      const answers = await Promise.all([server, peer].map((side, n) =>
        side.patch(`/programInstances/${world.instanceId}`, { key: world.key, body: { name: `Writer ${n} ${trial}` }, headers: { 'if-match': etag } })));
      expect(answers.map((answer) => answer.status).sort(), `trial ${trial}`).to.deep.equal([200, 412]);
      const [won, lost] = answers[0]!.status === 200 ? answers : [answers[1]!, answers[0]!];
      expect(lost!.headers.get('etag')).to.equal(won!.headers.get('etag'));
      expect((await server.get(`/programInstances/${world.instanceId}`, { key: world.key })).body.name).to.equal(won!.body.name);
    }
  });

  it('documents ETag, If-Match and 412 in the OpenAPI document', () => {
    const document = buildOpenApiDocument() as any;
    const patch = document.paths['/enrollments/{enrollmentId}'].patch;
    expect(patch.parameters.map((parameter: { name: string }) => parameter.name)).to.include('If-Match');
    expect(patch.responses).to.have.property('412');
    expect(patch.responses['200'].headers).to.have.property('ETag');
    expect(document.paths['/programInstances/{instanceId}'].get.responses['200'].headers).to.have.property('ETag');
    expect(document.paths['/vpp-participations/{participation_id}/consent'].post.responses).to.have.property('412');
  });
});

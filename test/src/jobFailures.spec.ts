import { expect } from 'chai';
import { COMMUNITY_POWERSHARE } from './support/fixtures.js';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';
import { jobFinished } from './support/jobFinished.js';

const PERSON = { identificationType: 'customerInfo', firstName: 'Cand', lastName: 'Idate', address: { streetOne: '1 Main St', city: 'New York', state: 'NY', postalCode: '10001', country: 'USA' } };

/** Issue 25, item 5: a file none of whose rows can be imported is refused at once or ends `failed`, never `completed`. */
describeOnEachStore('Jobs that cannot do a single row', (store) => {
  let server: TestServer;
  let key: string;
  let instanceId: string;
  const upload = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    server.request('POST', `/programInstances/${instanceId}/imports`, { key, raw: body, headers: { 'content-type': contentType, ...headers } });
  const finished = (jobId: string) => jobFinished(server, key, jobId);

  before(async function () {
    this.timeout(60_000);
    server = await TestServer.start(store, { jobs: true, rateLimitPerMinute: 100_000 });
    ({ key } = await server.workspace('Leap Energy'));
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025', eligibilityRules: { serviceTerritory: { postalCodePrefixes: ['100'] } } } });
    instanceId = instance.body.id;
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('refuses a 20,000-row CSV without a referenceId or rowKey column with 400 at once, naming the column and the rule, and leaves no job behind', async function () {
    this.timeout(30_000);
    const lines = ['identificationType,firstName,lastName,email,streetOne,city,state,postalCode,country'];
    for (let n = 1; n <= 20_000; n++) lines.push(`customerInfo,Cand,No ${n},c${n}@example.com,1 Main St,New York,NY,10001,USA`);
    const refused = await upload(`${lines.join('\n')}\n`, 'text/csv', { 'Idempotency-Key': 'keyless-file' });
    expect([refused.status, refused.body.error.code, refused.body.error.type]).to.deep.equal([400, 'validation_failed', 'invalid_request']);
    expect(refused.body.error.details).to.deep.equal([
      { field: '/columns/referenceId', rule: 'required', message: 'is missing, and so is rowKey: every row of an import needs a referenceId (or a rowKey), which is what makes a rerun create nothing twice' },
    ]);
    expect(refused.body.error.message).to.match(/^The CSV header lacks a column every row requires/);
    const jobs = await server.get(`/programInstances/${instanceId}/jobs`, { key });
    expect(jobs.body.totalItems, 'no job').to.equal(0);
    const enrollments = await server.get(`/programInstances/${instanceId}/enrollments?perPage=1`, { key });
    expect(enrollments.body.totalItems, 'nothing created').to.equal(0);
  });

  it('ends an NDJSON import whose every row failed as failed, every_row_failed, with the first 10 errors (row, field, rule) in the job', async function () {
    this.timeout(30_000);
    const rows = Array.from({ length: 30 }, (_, index) => JSON.stringify({ ...PERSON, email: `c${index + 1}@example.com` }));
    const accepted = await upload(rows.join('\n'), 'application/x-ndjson');
    expect([accepted.status, accepted.body.status]).to.deep.equal([202, 'queued']);
    const job = await finished(accepted.body.id);
    expect([job.status, job.rows.processed, job.counts.created, job.counts.failed, job.error.code]).to.deep.equal(['failed', 30, 0, 30, 'every_row_failed']);
    expect(job.error.message).to.match(/^None of the 30 rows was imported: every one failed\. The first, row 1: \/referenceId is required in an import/);
    expect(job.error.details).to.have.length(10);
    expect(job.error.details[0]).to.deep.equal({
      row: 1, line: 1, field: '/referenceId', rule: 'required', message: 'is required in an import (or a rowKey): it is what makes a rerun create nothing twice',
    });
    expect(job.error.details.map((error: any) => error.row)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const errors = await server.get(`/jobs/${job.id}/errors?perPage=100`, { key });
    expect(errors.body.totalItems, 'all of them are still paged').to.equal(30);
  });

  it('keeps completed for an import with one row done, counting the rest as failed', async function () {
    this.timeout(30_000);
    const rows = [JSON.stringify({ ...PERSON, email: 'bad@example.com' }), JSON.stringify({ ...PERSON, referenceId: 'CP-1', email: 'good@example.com' })];
    const job = await finished((await upload(rows.join('\n'), 'application/x-ndjson')).body.id);
    expect([job.status, job.counts.created, job.counts.failed, job.error]).to.deep.equal(['completed', 1, 1, undefined]);
  });

  it('ends a bulk action whose every move was refused as failed, with the first errors, and one that moved one as completed', async function () {
    this.timeout(30_000);
    const refused = await finished((await server.post(`/programInstances/${instanceId}/bulk-actions`, { key, body: { action: 'approve', reason: 'Too early', where: { status: ['eligible'] } } })).body.id);
    expect([refused.status, refused.type, refused.counts.moved, refused.counts.failed, refused.error.code]).to.deep.equal(['failed', 'bulk_action', 0, 1, 'every_row_failed']);
    expect(refused.error.details).to.have.length(1);
    expect(refused.error.details[0]).to.deep.include({ row: 1, field: '/status', rule: 'illegal_transition' });
    expect(refused.error.details[0].message).to.match(/Cannot move to 'approved' from an enrollment in eligible/);
    const evaluated = await finished((await server.post(`/programInstances/${instanceId}/bulk-actions`, { key, body: { action: 'evaluate' } })).body.id);
    expect([evaluated.status, evaluated.rows.total], 'nothing to do completes').to.deep.equal(['completed', 0]);
  });
});

import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMMUNITY_POWERSHARE } from './support/fixtures.js';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';
import { jobFinished } from './support/jobFinished.js';

const SAMPLE = readFileSync(fileURLToPath(new URL('../../docs/samples/candidates.csv', import.meta.url)), 'utf8');
const RULES = { allowedManufacturers: ['tesla', 'enphase'], serviceTerritory: { countries: ['USA'], postalCodePrefixes: ['100', '101', '102'] }, requiredFields: ['email'] };

/** Seed 004's Program Eligibility Screening through the API: rules, a bulk import, reruns, new rules, bulk actions. */
describeOnEachStore('Eligibility screening through imports and bulk actions', (store) => {
  let server: TestServer;
  let key: string;
  let instanceId: string;
  const upload = (body: string, contentType = 'text/csv', headers: Record<string, string> = {}) =>
    server.request('POST', `/programInstances/${instanceId}/imports`, { key, raw: body, headers: { 'content-type': contentType, ...headers } });
  const finished = (jobId: string) => jobFinished(server, key, jobId);
  const enrollments = async () => {
    const page = await server.get(`/programInstances/${instanceId}/enrollments?perPage=100`, { key });
    return new Map<string, any>(page.body.data.map((enrollment: any) => [enrollment.referenceId, enrollment]));
  };

  before(async function () {
    this.timeout(60_000);
    server = await TestServer.start(store, { jobs: true, rateLimitPerMinute: 100_000 });
    ({ key } = await server.workspace('Leap Energy'));
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instance = await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025', eligibilityRules: RULES } });
    expect([instance.status, instance.body.eligibilityRulesVersion, instance.body.eligibilityRules]).to.deep.equal([201, 1, RULES]);
    instanceId = instance.body.id;
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('imports the guide’s sample file: valid rows created and screened, invalid ones reported by row and field', async function () {
    this.timeout(30_000);
    const accepted = await upload(SAMPLE);
    expect([accepted.status, accepted.body.status, accepted.body.rows.total]).to.deep.equal([202, 'queued', 10]);
    const job = await finished(accepted.body.id);
    expect(job.counts).to.deep.equal({ created: 8, updated: 0, unchanged: 0, eligible: 4, ineligible: 3, moved: 0, skipped: 0, failed: 2 });
    const errors = await server.get(`/jobs/${job.id}/errors`, { key });
    expect(errors.body.data).to.deep.equal([
      { row: 7, line: 8, field: '/email', rule: 'format', message: 'must match format "email"', referenceId: 'CP-2025-0007' },
      { row: 9, line: 10, field: '/email', rule: 'required', message: 'is required', referenceId: 'CP-2025-0009' },
    ]);
    const byReference = await enrollments();
    expect(byReference.get('CP-2025-0001').eligibility).to.deep.include({ status: 'eligible', ruleVersion: 1 });
    expect(byReference.get('CP-2025-0004').eligibility).to.deep.equal({
      status: 'ineligible', ruleVersion: 1, programInstanceId: instanceId, reason: 'The customer’s address (postal code 07030) is outside the program’s service territory.',
    });
    expect(byReference.get('CP-2025-0008').eligibility, 'a device waits for its participation').to.deep.include({ status: 'candidate', reason: 'Meets the program’s eligibility rules.' });
    const notified = await server.get(`/events?type=enrollment.eligible_notified&perPage=100`, { key });
    expect(notified.body.data.map((event: any) => event.enrollmentId).sort()).to.deep.equal(
      ['CP-2025-0001', 'CP-2025-0002', 'CP-2025-0006', 'CP-2025-0010'].map((reference) => byReference.get(reference).id).sort(),
    );
    expect(notified.body.data[0].source).to.match(new RegExp(`^import:${job.id}:\\d+$`));
  });

  it('creates nothing twice when the same file is imported again (in NDJSON, snake_case), and the same key gives the same job', async function () {
    this.timeout(30_000);
    const before = await enrollments();
    const ndjson = [...before.values()]
      .map((enrollment) => JSON.stringify({ reference_id: enrollment.referenceId, identification_type: 'customerInfo', first_name: enrollment.firstName, last_name: enrollment.lastName, email: enrollment.email }))
      .join('\n');
    const rerun = await finished((await upload(ndjson, 'application/x-ndjson', { 'Idempotency-Key': 'ndjson-rerun' })).body.id);
    expect(rerun.counts).to.deep.include({ created: 0, unchanged: 8, failed: 0 });
    const same = await upload(ndjson, 'application/x-ndjson', { 'Idempotency-Key': 'ndjson-rerun' });
    expect([same.status, same.body.id, same.body.status]).to.deep.equal([202, rerun.id, 'completed']);
    const another = await upload('another file', 'application/x-ndjson', { 'Idempotency-Key': 'ndjson-rerun' });
    expect([another.status, another.body.error.code], 'the key is one file, as it is one request elsewhere').to.deep.equal([409, 'idempotency_key_reused']);
    const listed = await server.get(`/programInstances/${instanceId}/jobs?key=ndjson-rerun`, { key });
    expect(listed.body.data.map((job: any) => job.id)).to.deep.equal([rerun.id]);
    expect((await enrollments()).size).to.equal(8);
  });

  it('screens again under changed rules on demand, recording the new version; rows fixed in the file update their enrollments', async function () {
    this.timeout(30_000);
    const changed = await server.patch(`/programInstances/${instanceId}`, { key, body: { eligibilityRules: { ...RULES, serviceTerritory: { countries: ['USA'], postalCodePrefixes: ['100', '101', '102', '070'] } } } });
    expect(changed.body.eligibilityRulesVersion).to.equal(2);
    const started = await server.post(`/programInstances/${instanceId}/bulk-actions`, { key, body: { action: 'evaluate' } });
    const evaluated = await finished(started.body.id);
    expect(evaluated.counts).to.deep.include({ moved: 1, eligible: 1, failed: 0 });
    expect((await enrollments()).get('CP-2025-0004').eligibility).to.deep.include({ status: 'eligible', ruleVersion: 2 });
    const version1 = await server.get(`/programInstances/${instanceId}/eligibility-rules/1`, { key });
    expect(version1.body).to.deep.include({ version: 1, rules: RULES });

    const fixed = SAMPLE.replace('omar.haddad.example.com', 'omar.haddad@example.com').replace('CP-2025-0009,customerInfo,Jon,Ortiz,,', 'CP-2025-0009,customerInfo,Jon,Ortiz,jon.ortiz@example.com,');
    const again = await finished((await upload(fixed)).body.id);
    expect(again.counts).to.deep.include({ created: 2, unchanged: 8, failed: 0, eligible: 2 });
  });

  it('approves a filtered set with a reason, reports refused moves per row, and unenrolls', async function () {
    this.timeout(30_000);
    const byReference = await enrollments();
    for (const reference of ['CP-2025-0001', 'CP-2025-0002']) await server.patch(`/enrollments/${byReference.get(reference).id}`, { key, body: { status: 'submitted' } });
    const approve = await finished((await server.post(`/programInstances/${instanceId}/bulk-actions`, { key, body: { action: 'approve', reason: 'Season start', where: { tags: ['spring-2025'] } } })).body.id);
    expect(approve.counts).to.deep.include({ moved: 2, failed: 0 });
    const refused = await finished((await server.post(`/programInstances/${instanceId}/bulk-actions`, { key, body: { action: 'reject', reason: 'Late', where: { status: ['eligible'], referenceIds: ['CP-2025-0006'] } } })).body.id);
    expect(refused.counts).to.deep.include({ moved: 0, failed: 1 });
    const [error] = (await server.get(`/jobs/${refused.id}/errors`, { key })).body.data;
    expect(error).to.deep.include({ row: 1, field: '/status', enrollmentId: byReference.get('CP-2025-0006').id });
    const unenroll = await finished((await server.post(`/programInstances/${instanceId}/bulk-actions`, { key, body: { action: 'unenroll', reason: 'Moved away', where: { referenceIds: ['CP-2025-0001'] } } })).body.id);
    expect(unenroll.counts).to.deep.include({ moved: 1 });
    expect((await enrollments()).get('CP-2025-0001').eligibility).to.deep.include({ status: 'unenrolled', reason: 'Moved away' });
  });

  it('reports a row that no store could keep (a NUL character, an array inside an array) as that row’s error, and imports the rest', async function () {
    this.timeout(30_000);
    const person = { identificationType: 'customerInfo', firstName: 'Ana', lastName: 'Lima', email: 'ana.lima@example.com' };
    const ndjson = [
      { ...person, referenceId: 'CP-2025-0101', lastName: 'Li\u0000ma' },
      { ...person, referenceId: 'CP-2025-0102', metadata: { windows: [[1, 2]] } },
      { ...person, referenceId: 'CP-2025-0103' },
    ].map((row) => JSON.stringify(row)).join('\n');
    const job = await finished((await upload(ndjson, 'application/x-ndjson')).body.id);
    expect(job.counts).to.deep.include({ created: 1, failed: 2 });
    const errors = await server.get(`/jobs/${job.id}/errors`, { key });
    expect(errors.body.data).to.deep.equal([
      { row: 1, line: 1, field: '/lastName', rule: 'nulCharacter', message: 'contains a NUL character (U+0000), which cannot be stored', referenceId: 'CP-2025-0101' },
      { row: 2, line: 2, field: '/metadata/windows/0', rule: 'nestedArray', message: 'is an array directly inside an array, which cannot be stored', referenceId: 'CP-2025-0102' },
    ]);
    expect([...(await enrollments()).keys()]).to.include('CP-2025-0103').and.not.include('CP-2025-0101');
  });

  it('keeps another workspace’s jobs out of reach: its job id answers 404', async () => {
    const other = await server.workspace('Other Utility');
    const jobs = await server.get(`/programInstances/${instanceId}/jobs`, { key });
    const foreign = await server.get(`/jobs/${jobs.body.data[0].id}`, { key: other.key });
    expect([foreign.status, foreign.body.error.code]).to.deep.equal([404, 'job_not_found']);
  });
});

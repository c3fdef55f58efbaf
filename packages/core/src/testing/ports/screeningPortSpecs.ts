import { expect } from 'chai';
import type { Job, JobChunkResult } from '../../index.js';
import { NO_COUNTS } from '../../jobs/Job.js';
import { at, enrollment, T0, updatedEvent } from './fixtures.js';
import type { SpecPorts } from './SpecPorts.js';

/** The ports screening and jobs add: bulk inserts, the device lookup, the selection, rule versions, jobs and their chunks. */
export function screeningPortSpecs(ports: () => SpecPorts): void {
  it('inserts many events at once, reporting each duplicate in its place and writing the rest', async () => {
    await ports().events.insert(updatedEvent('ws_bulk_a', 'enr_b2', 1));
    const batch = [updatedEvent('ws_bulk_a', 'enr_b1', 1), { ...updatedEvent('ws_bulk_a', 'enr_b2', 1), id: 'evt_again' }, updatedEvent('ws_bulk_a', 'enr_b3', 1), { ...updatedEvent('ws_bulk_a', 'enr_b1', 1), id: 'evt_twice' }];
    expect(await ports().events.insertMany(batch)).to.deep.equal(['inserted', 'duplicate', 'inserted', 'duplicate']);
    expect(await ports().events.listForEnrollment('ws_bulk_a', 'enr_b1', 0)).to.deep.equal([batch[0]]);
    expect(await ports().events.insertMany([])).to.deep.equal([]);
  });

  it('saves many new enrollments at once, and saves an already stored one by the usual rule (the higher seq wins)', async () => {
    const stored = enrollment('ws_bulk_b', 'enr_m2', { seq: 3 });
    await ports().enrollments.save(stored);
    const fresh = [enrollment('ws_bulk_b', 'enr_m1'), { ...stored, seq: 1, firstName: 'Stale' }, enrollment('ws_bulk_b', 'enr_m3', { seq: 2 })];
    await ports().enrollments.saveMany(fresh);
    expect(await ports().enrollments.get('ws_bulk_b', 'enr_m1')).to.deep.equal(fresh[0]);
    expect(await ports().enrollments.get('ws_bulk_b', 'enr_m2')).to.deep.equal(stored);
    expect(await ports().enrollments.get('ws_bulk_b', 'enr_m3')).to.deep.equal(fresh[2]);
  });

  it('finds a device’s enrollments across instances by serial number, deleted ones too, in its workspace only', async () => {
    const a = enrollment('ws_device', 'enr_d1', { serialNumber: 'SN-1', programInstanceId: 'pi_a' });
    const b = enrollment('ws_device', 'enr_d2', { serialNumber: 'SN-1', programInstanceId: 'pi_b', deletedAt: at(3) });
    await ports().enrollments.saveMany([a, b, enrollment('ws_device', 'enr_d3', { serialNumber: 'SN-2' }), enrollment('ws_device_other', 'enr_d4', { serialNumber: 'SN-1' })]);
    const found = await ports().enrollments.findBySerialNumber('ws_device', 'SN-1');
    expect([...found].sort((x, y) => x.id.localeCompare(y.id))).to.deep.equal([a, b]);
    expect(await ports().enrollments.findBySerialNumber('ws_device', 'SN-9')).to.deep.equal([]);
  });

  it('lists the ids a filter selects, with reference ids among a list', async () => {
    await ports().enrollments.saveMany([
      enrollment('ws_select', 'enr_s1', { referenceId: 'R1', eligibility: { status: 'submitted' } }),
      enrollment('ws_select', 'enr_s2', { referenceId: 'R2', eligibility: { status: 'submitted' }, tags: ['vip'] }),
      enrollment('ws_select', 'enr_s3', { referenceId: 'R3', eligibility: { status: 'approved' }, tags: ['vip'] }),
      enrollment('ws_select', 'enr_s4', { referenceId: 'R4', eligibility: { status: 'submitted' }, deletedAt: at(1) }),
    ]);
    const ids = async (filter: Parameters<SpecPorts['enrollments']['listIds']>[1]) => [...(await ports().enrollments.listIds('ws_select', filter))].sort();
    expect(await ids({ statuses: ['submitted'] })).to.deep.equal(['enr_s1', 'enr_s2']);
    expect(await ids({ referenceIds: ['R2', 'R3', 'R9'] })).to.deep.equal(['enr_s2', 'enr_s3']);
    expect(await ids({ statuses: ['submitted', 'approved'], tags: ['vip'] })).to.deep.equal(['enr_s2', 'enr_s3']);
    expect(await ports().enrollments.listIds('ws_select_other', {})).to.deep.equal([]);
  });

  it('keeps one rule version per instance and number, per workspace', async () => {
    const version = { workspaceId: 'ws_rules', programInstanceId: 'pi_1', version: 1, rules: { allowedManufacturers: ['tesla'] }, savedAt: T0, savedBy: { type: 'api_key' as const, id: 'key_1' } };
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => ports().eligibilityRules.insert({ ...version, rules: { requiredTags: [`t${n}`] } })));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    expect(await ports().eligibilityRules.insert({ ...version, version: 2 })).to.equal('inserted');
    expect((await ports().eligibilityRules.get('ws_rules', 'pi_1', 2))).to.deep.equal({ ...version, version: 2 });
    expect(await ports().eligibilityRules.get('ws_rules_other', 'pi_1', 2)).to.equal(undefined);
    expect(await ports().eligibilityRules.get('ws_rules', 'pi_1', 3)).to.equal(undefined);
  });

  it('keeps jobs, their chunks once per index, and their results once per chunk', async () => {
    const job: Job = {
      id: 'cjob0000000000000000000001', workspaceId: 'ws_jobs', programInstanceId: 'pi_1', kind: 'import', key: 'k-1', format: 'csv', columns: ['referenceId', 'metadata.a.b'],
      actor: { type: 'api_key', id: 'key_1' }, liveMode: true, status: 'receiving', open: true, rows: { received: 0, processed: 0 }, chunks: { received: 0, processed: 0 },
      counts: NO_COUNTS, createdAt: T0, updatedAt: T0,
    };
    expect(await ports().jobs.insert(job)).to.equal('inserted');
    expect(await ports().jobs.insert(job)).to.equal('duplicate');
    const chunk = { workspaceId: 'ws_jobs', jobId: job.id, index: 0, firstRow: 1, rows: ['["R1"]', '!The row is empty.'], lines: [2, 3] };
    const staged = await Promise.all([chunk, { ...chunk, rows: ['other'] }].map((candidate) => ports().jobs.insertChunk(candidate)));
    expect([...staged].sort()).to.deep.equal(['duplicate', 'inserted']);
    expect((await ports().jobs.getChunk('ws_jobs', job.id, 0))?.firstRow).to.equal(1);
    expect(await ports().jobs.getChunk('ws_other', job.id, 0)).to.equal(undefined);
    const result: JobChunkResult = { workspaceId: 'ws_jobs', jobId: job.id, index: 0, rows: 2, counts: { ...NO_COUNTS, created: 1, failed: 1 }, errors: [{ row: 2, line: 3, field: '/', message: 'The row is empty.' }], processedAt: at(1) };
    expect(await ports().jobs.insertResult(result)).to.equal('inserted');
    expect(await ports().jobs.insertResult({ ...result, counts: NO_COUNTS })).to.equal('duplicate');
    await ports().jobs.insertResult({ ...result, index: 1, errors: [] });
    expect(await ports().jobs.listResults('ws_jobs', job.id)).to.deep.equal([result, { ...result, index: 1, errors: [] }]);
    expect(await ports().jobs.getResult('ws_jobs', job.id, 0)).to.deep.equal(result);

    const done: Job = { ...job, status: 'completed', open: false, updatedAt: at(2) };
    expect((await ports().jobs.listOpen()).map((found) => found.id)).to.include(job.id);
    await ports().jobs.replace(done);
    expect(await ports().jobs.get('ws_jobs', job.id)).to.deep.equal(done);
    expect((await ports().jobs.listOpen()).map((found) => found.id)).to.not.include(job.id);
    expect((await ports().jobs.listForInstance('ws_jobs', 'pi_1', 'k-1')).map((found) => found.id)).to.deep.equal([job.id]);
    expect(await ports().jobs.listForInstance('ws_jobs', 'pi_1', 'k-2')).to.deep.equal([]);
    expect(await ports().jobs.get('ws_other', job.id)).to.equal(undefined);
    await ports().jobs.deleteChunks('ws_jobs', job.id);
    expect(await ports().jobs.getChunk('ws_jobs', job.id, 0)).to.equal(undefined);
    expect(await ports().jobs.listResults('ws_jobs', job.id)).to.have.length(2);
  });
}

import { expect } from 'chai';
import type { CallContext } from '../platform/CallContext.js';
import type { ProgramInstance } from '../programs/ProgramInstance.js';
import { JobRunner } from '../jobs/JobRunner.js';
import { JobService } from '../jobs/JobService.js';
import { MissingColumnsError } from '../jobs/import/requiredColumns.js';
import type { Job } from '../jobs/Job.js';
import type { JobRepository } from '../jobs/ports/JobRepository.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { harnessOn, type CoreHarness } from './CoreHarness.js';
import { bindAll } from './crashSpecs.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const HEADER = 'reference_id,identificationType,firstName,lastName,email,postalCode,streetOne,city,state,country,manufacturerSlugs,tags';

/** `rows` CSV rows: every `badEvery`-th without an email, the rest in New York (10001) or outside it (94105) by turns. */
function csv(rows: number, badEvery = 0): string {
  const lines = [HEADER];
  for (let n = 1; n <= rows; n++) {
    const email = badEvery > 0 && n % badEvery === 0 ? '' : `c${n}@example.com`;
    const postal = n % 2 === 0 ? '94105' : '10001';
    lines.push(`R-${n},customerInfo,Cand,No ${n},${email},${postal},1 Main St,Town,NY,USA,tesla;enphase,season`);
  }
  return `${lines.join('\n')}\n`;
}

async function* pieces(text: string, size = 4096, failAfter?: number): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) {
    if (failAfter !== undefined && at >= failAfter) throw new Error('the client went away');
    yield bytes.subarray(at, at + size);
  }
}

async function setUp(h: CoreHarness): Promise<{ context: CallContext; instance: ProgramInstance }> {
  return h.tenant('Leap Energy', { eligibilityRules: { serviceTerritory: { postalCodePrefixes: ['100'] }, requiredFields: ['email'] } });
}

async function runToEnd(h: CoreHarness, job: Job): Promise<Job> {
  const runner = h.container.get(JobRunner);
  for (let pass = 0; pass < 20; pass++) {
    await runner.runOnce();
    const current = await h.container.get(JobService).get({ workspaceId: job.workspaceId } as CallContext, job.id);
    if (!current.open) return current;
  }
  throw new Error(`job ${job.id} did not finish`);
}

/** Imports and bulk actions as jobs, on the store under test: counts, errors, reruns, resumption after a crash. */
export function jobSpecs(store: () => StoreUnderTest): void {
  it('imports mixed rows in either casing: creates and screens the good ones, reports each bad one by row and field', async () => {
    const h = harnessOn(store());
    const { context, instance } = await setUp(h);
    const jobs = h.container.get(JobService);
    const received = await jobs.receiveImport(context, instance.id, { format: 'csv', body: pieces(csv(10, 5)) });
    expect([received.status, received.rows.total]).to.deep.equal(['queued', 10]);
    const done = await runToEnd(h, received);
    expect(done.counts).to.deep.include({ created: 8, failed: 2, eligible: 4, ineligible: 4 });
    const errors = await jobs.errors(context, done.id, { page: 1, perPage: 10 });
    expect(errors.data).to.deep.equal([
      { row: 5, line: 6, field: '/email', rule: 'required', message: 'is required', referenceId: 'R-5' },
      { row: 10, line: 11, field: '/email', rule: 'required', message: 'is required', referenceId: 'R-10' },
    ]);
    const listed = await h.enrollments.list(context, instance.id, {}, { page: 1, perPage: 100 });
    expect(listed.totalItems).to.equal(8);
  });

  it('refuses a CSV without a key column at once, naming the column and the rule: no job, nothing staged', async () => {
    const h = harnessOn(store());
    const { context, instance } = await setUp(h);
    const jobs = h.container.get(JobService);
    const keyless = csv(20).replace('reference_id,', '').replaceAll(/^R-\d+,/gm, '');
    const refused = await jobs.receiveImport(context, instance.id, { format: 'csv', key: 'keyless', body: pieces(keyless) }).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(MissingColumnsError);
    expect((refused as MissingColumnsError).details).to.deep.equal([
      { field: '/columns/referenceId', rule: 'required', message: 'is missing, and so is rowKey: every row of an import needs a referenceId (or a rowKey), which is what makes a rerun create nothing twice' },
    ]);
    const typeless = await jobs.receiveImport(context, instance.id, { format: 'csv', body: pieces(csv(3).replaceAll(',customerInfo,', ',').replace(',identificationType,', ',')) }).catch((e: unknown) => e);
    expect((typeless as MissingColumnsError).details.map((issue) => [issue.field, issue.rule])).to.deep.equal([['/columns/identificationType', 'required']]);
    expect(await jobs.list(context, instance.id), 'no job left behind').to.deep.equal([]);
    expect(await h.port(STORE_TOKENS.jobs).listOpen()).to.deep.equal([]);
  });

  it('ends an import whose every row failed as failed (every_row_failed), with its first 10 errors in the job; one row done is completed', async () => {
    const h = harnessOn(store());
    const { context, instance } = await setUp(h);
    const jobs = h.container.get(JobService);
    const rows = Array.from({ length: 25 }, (_, index) => JSON.stringify({ identificationType: 'customerInfo', firstName: 'Cand', lastName: `No ${index + 1}`, email: `c${index + 1}@example.com` }));
    const failed = await runToEnd(h, await jobs.receiveImport(context, instance.id, { format: 'ndjson', body: pieces(rows.join('\n')) }));
    expect([failed.status, failed.open, failed.rows.processed, failed.counts.created, failed.counts.failed]).to.deep.equal(['failed', false, 25, 0, 25]);
    expect(failed.finishedAt).to.be.a('string');
    expect(failed.error?.code).to.equal('every_row_failed');
    expect(failed.error?.message).to.match(/^None of the 25 rows was imported: every one failed\. The first, row 1: \/referenceId is required in an import/).and.match(new RegExp(`GET /jobs/${failed.id}/errors`));
    expect(failed.error?.details?.map((error) => [error.row, error.line, error.field, error.rule])).to.deep.equal(Array.from({ length: 10 }, (_, index) => [index + 1, index + 1, '/referenceId', 'required']));
    expect((await jobs.errors(context, failed.id, { page: 1, perPage: 100 })).totalItems, 'every error is still paged').to.equal(25);
    expect((await h.enrollments.list(context, instance.id, {}, { page: 1, perPage: 1 })).totalItems).to.equal(0);

    const oneGood = [...rows.slice(0, 11), JSON.stringify({ identificationType: 'customerInfo', referenceId: 'R-good', firstName: 'Cand', lastName: 'Good', email: 'good@example.com' })];
    const partial = await runToEnd(h, await jobs.receiveImport(context, instance.id, { format: 'ndjson', body: pieces(oneGood.join('\n')) }));
    expect([partial.status, partial.error, partial.counts.created, partial.counts.failed]).to.deep.equal(['completed', undefined, 1, 11]);
  });

  it('creates nothing twice when the same file is imported again, and applies changed rows as updates', async () => {
    const h = harnessOn(store());
    const { context, instance } = await setUp(h);
    const jobs = h.container.get(JobService);
    await runToEnd(h, await jobs.receiveImport(context, instance.id, { format: 'csv', body: pieces(csv(6)) }));
    const again = await runToEnd(h, await jobs.receiveImport(context, instance.id, { format: 'csv', body: pieces(csv(6)) }));
    expect(again.counts).to.deep.include({ created: 0, unchanged: 6, failed: 0 });
    const moved = csv(6).replace('R-2,customerInfo,Cand,No 2,c2@example.com,94105', 'R-2,customerInfo,Cand,No 2,c2@example.com,10002');
    const third = await runToEnd(h, await jobs.receiveImport(context, instance.id, { format: 'csv', body: pieces(moved) }));
    expect(third.counts).to.deep.include({ created: 0, updated: 1, unchanged: 5, eligible: 1 });
    expect((await h.enrollments.list(context, instance.id, {}, { page: 1, perPage: 100 })).totalItems).to.equal(6);
  });

  it('continues an upload that was cut off when it is sent again with the same key, staging nothing twice', async () => {
    const h = harnessOn(store());
    const { context, instance } = await setUp(h);
    const jobs = h.container.get(JobService);
    const text = csv(1_200);
    const cut = await jobs.receiveImport(context, instance.id, { format: 'csv', key: 'season-file', body: pieces(text, 8192, 60_000) }).catch((e: unknown) => e);
    expect(String(cut)).to.match(/went away/);
    const [receiving] = await jobs.list(context, instance.id, 'season-file');
    expect(receiving?.status).to.equal('receiving');
    const resent = await jobs.receiveImport(context, instance.id, { format: 'csv', key: 'season-file', body: pieces(text) });
    expect([resent.id, resent.status, resent.rows.total]).to.deep.equal([receiving!.id, 'queued', 1_200]);
    const done = await runToEnd(h, resent);
    expect(done.counts).to.deep.include({ created: 1_200, failed: 0 });
    const repeat = await jobs.receiveImport(context, instance.id, { format: 'csv', key: 'season-file', body: pieces(text) });
    expect([repeat.id, repeat.status]).to.deep.equal([done.id, 'completed']);
    // The key promises this file: another one under it is refused, as every route refuses a key reused.
    const other = await jobs.receiveImport(context, instance.id, { format: 'csv', key: 'season-file', body: pieces(csv(3)) }).catch((e: unknown) => e);
    expect(other).to.have.property('code', 'idempotency_key_reused');
  });

  it('resumes a job whose worker died mid-way on another worker, once its lease slot has passed, and does no row twice', async () => {
    const first = harnessOn(store());
    const { context, instance } = await setUp(first);
    const job = await first.container.get(JobService).receiveImport(context, instance.id, { format: 'csv', body: pieces(csv(1_100)) });
    const real = first.port(STORE_TOKENS.jobs);
    let results = 0;
    const dying: JobRepository = {
      ...bindAll(real),
      insertResult: async (result) => {
        if (++results > 1) throw new Error('simulated kill -9 between the rows and the chunk’s result');
        return real.insertResult(result);
      },
    };
    first.replacePort(STORE_TOKENS.jobs, dying);
    const died = await first.container.get(JobRunner).runOnce().catch((e: unknown) => e);
    expect(String(died)).to.match(/kill -9/);

    const second = harnessOn(store(), first.clock);
    expect(await second.container.get(JobRunner).runOnce(), 'the dead worker’s slot still holds the job').to.equal(0);
    first.clock.advance(60_000);
    const done = await runToEnd(second, job);
    expect(done.counts).to.deep.include({ created: 1_100, failed: 0, eligible: 550, ineligible: 550 });
    expect((await second.enrollments.list(context, instance.id, {}, { page: 1, perPage: 1 })).totalItems).to.equal(1_100);
    const sample = (await second.enrollments.list(context, instance.id, {}, { page: 7, perPage: 100 })).data[0]!;
    const log = await second.events.list(context, { enrollmentId: sample.id }, { page: 1, perPage: 10 });
    expect(log.data.filter((event) => event.type === 'enrollment.created')).to.have.length(1);
  });

  it('approves a filtered set with a reason as a job; run again, it moves nothing twice; a refused move is the row’s error', async () => {
    const h = harnessOn(store());
    const { context, instance } = await setUp(h);
    const jobs = h.container.get(JobService);
    await runToEnd(h, await jobs.receiveImport(context, instance.id, { format: 'csv', body: pieces(csv(6)) }));
    const eligible = await h.enrollments.list(context, instance.id, { statuses: ['eligible'] }, { page: 1, perPage: 10 });
    for (const enrollment of eligible.data.slice(0, 2)) await h.enrollments.update(context, enrollment.id, { status: 'submitted' });
    const approve = await runToEnd(h, await jobs.startBulk(context, instance.id, { action: 'approve', reason: 'Season start', where: { tags: ['season'] } }));
    expect(approve.counts).to.deep.include({ moved: 2, failed: 0 });
    const again = await runToEnd(h, await jobs.startBulk(context, instance.id, { action: 'approve', reason: 'Season start', where: { statuses: ['submitted', 'approved'] } }));
    expect(again.counts).to.deep.include({ moved: 0, skipped: 2, failed: 0 });
    const refused = await runToEnd(h, await jobs.startBulk(context, instance.id, { action: 'approve', reason: 'Too early', where: { statuses: ['eligible'] } }));
    expect(refused.counts).to.deep.include({ moved: 0, failed: 1 });
    const [error] = (await jobs.errors(context, refused.id, { page: 1, perPage: 5 })).data;
    expect(error).to.deep.include({ row: 1, field: '/status' });
    expect(error!.message).to.match(/Cannot move to 'approved' from an enrollment in eligible/);
    const approved = await h.enrollments.list(context, instance.id, { statuses: ['approved'] }, { page: 1, perPage: 10 });
    const moves = await h.events.list(context, { enrollmentId: approved.data[0]!.id, types: ['enrollment.status_changed'] }, { page: 1, perPage: 10 });
    expect(moves.data.at(-1)!.data).to.deep.include({ from: 'submitted', to: 'approved', reason: 'Season start' });
    expect(moves.data.at(-1)!.source).to.equal(`bulk:${approve.id}`);
  });

  it('ends a bulk action whose every selected enrollment was refused as failed, with its first errors; skipped ones and an empty selection complete', async () => {
    const h = harnessOn(store());
    const { context, instance } = await setUp(h);
    const jobs = h.container.get(JobService);
    await runToEnd(h, await jobs.receiveImport(context, instance.id, { format: 'csv', body: pieces(csv(6)) }));
    const refused = await runToEnd(h, await jobs.startBulk(context, instance.id, { action: 'approve', reason: 'Too early', where: { statuses: ['eligible'] } }));
    expect([refused.status, refused.counts.moved, refused.counts.failed, refused.error?.code]).to.deep.equal(['failed', 0, 3, 'every_row_failed']);
    expect(refused.error?.message).to.match(/^None of the 3 selected enrollments was moved: every one failed\. The first, row 1: \/status Cannot move to 'approved'/);
    expect(refused.error?.details?.map((error) => [error.row, error.field, error.rule])).to.deep.equal([[1, '/status', 'illegal_transition'], [2, '/status', 'illegal_transition'], [3, '/status', 'illegal_transition']]);
    const nothing = await runToEnd(h, await jobs.startBulk(context, instance.id, { action: 'approve', reason: 'Season start' }));
    expect([nothing.status, nothing.rows.total], 'nothing to do is not a failure').to.deep.equal(['completed', 0]);
    const [first] = (await h.enrollments.list(context, instance.id, { statuses: ['eligible'] }, { page: 1, perPage: 1 })).data;
    await h.enrollments.update(context, first!.id, { status: 'submitted' });
    const mixed = await runToEnd(h, await jobs.startBulk(context, instance.id, { action: 'approve', reason: 'Season start', where: { statuses: ['submitted', 'eligible'] } }));
    expect([mixed.status, mixed.counts.moved, mixed.counts.failed, mixed.error]).to.deep.equal(['completed', 1, 2, undefined]);
    const again = await runToEnd(h, await jobs.startBulk(context, instance.id, { action: 'approve', reason: 'Season start', where: { statuses: ['approved'] } }));
    expect([again.status, again.counts.skipped, again.counts.failed], 'a move already made is skipped, not failed').to.deep.equal(['completed', 1, 0]);
  });

  it('screens again under new rules on demand: those the new version admits become eligible', async () => {
    const h = harnessOn(store());
    const { context, instance } = await setUp(h);
    const jobs = h.container.get(JobService);
    await runToEnd(h, await jobs.receiveImport(context, instance.id, { format: 'csv', body: pieces(csv(4)) }));
    await h.instances.update(context, instance.id, { eligibilityRules: { serviceTerritory: { postalCodePrefixes: ['100', '941'] }, requiredFields: ['email'] } });
    const evaluated = await runToEnd(h, await jobs.startBulk(context, instance.id, { action: 'evaluate' }));
    expect(evaluated.counts).to.deep.include({ moved: 2, eligible: 2, failed: 0 });
    const all = await h.enrollments.list(context, instance.id, {}, { page: 1, perPage: 10 });
    expect(all.data.map((enrollment) => [enrollment.eligibility.status, enrollment.eligibility.ruleVersion]).sort()).to.deep.equal([
      ['eligible', 1], ['eligible', 1], ['eligible', 2], ['eligible', 2],
    ]);
  });
}

import { expect } from 'chai';
import { UnavailableError } from '@flexroll/sdk';
import type { CallContext } from '../platform/CallContext.js';
import type { ProgramInstance } from '../programs/ProgramInstance.js';
import type { EnrollmentEventRepository } from '../enrollments/ports/EnrollmentEventRepository.js';
import { JobRunner } from '../jobs/JobRunner.js';
import { JobService } from '../jobs/JobService.js';
import type { Job } from '../jobs/Job.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { suzieWithoutDevice } from '../seeds/seedExamples.js';
import { harnessOn, type CoreHarness } from './CoreHarness.js';
import { bindAll } from './crashSpecs.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

/** A workspace with `count` enrollments without a device, each eligible and then submitted, and a bulk reject of them. */
async function rejectJob(h: CoreHarness, count: number): Promise<{ context: CallContext; instance: ProgramInstance; ids: string[]; job: Job }> {
  const { context, instance } = await h.tenant('Leap Energy', { eligibilityRules: { serviceTerritory: { postalCodePrefixes: ['100'] } } });
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const created = await h.enrollments.create(context, instance.id, { ...suzieWithoutDevice(), referenceId: `BULK-${n}` });
    expect(created.eligibility.status).to.equal('eligible');
    await h.enrollments.update(context, created.id, { status: 'submitted' });
    ids.push(created.id);
  }
  const job = await h.container.get(JobService).startBulk(context, instance.id, { action: 'reject', reason: 'Season full' });
  return { context, instance, ids, job };
}

async function runToEnd(h: CoreHarness, job: Job): Promise<Job> {
  for (let pass = 0; pass < 20; pass++) {
    await h.container.get(JobRunner).runOnce();
    const current = await h.container.get(JobService).get({ workspaceId: job.workspaceId } as CallContext, job.id);
    if (!current.open) return current;
  }
  throw new Error(`job ${job.id} did not finish`);
}

/** How many status changes the job wrote on each enrollment. */
async function movesBy(h: CoreHarness, job: Job, ids: readonly string[]): Promise<number[]> {
  const events = h.port(STORE_TOKENS.events);
  return Promise.all(
    ids.map(async (id) => (await events.listForEnrollment(job.workspaceId, id, 0)).filter((event) => event.type === 'enrollment.status_changed' && event.source === `bulk:${job.id}`).length),
  );
}

/**
 * A bulk job's rows done again — the chunk redone after its worker died part way, or a row raced by a second worker on
 * the same chunk — on the store under test: a row the job itself moved counts as moved, once, with no row error.
 */
export function bulkRerunSpecs(store: () => StoreUnderTest): void {
  it('counts the rows a killed worker moved (one of them cut short after its change’s head) as moved when another worker redoes the chunk', async () => {
    const h = harnessOn(store());
    const { context, ids, job } = await rejectJob(h, 12);

    const dying = harnessOn(store(), h.clock);
    const events = dying.port(STORE_TOKENS.events);
    const landed: Array<Promise<number>> = [];
    let death: Promise<void> | undefined;
    // Five moves go in whole; once they have landed the sixth's head does, and the process dies: nothing after it is
    // written, and every write asked for after it fails once the head is in (so the run ends with the log as it stays).
    const die = async (): Promise<never> => {
      await death;
      throw new Error('simulated kill -9 between a row’s change and the chunk’s result');
    };
    const failing: EnrollmentEventRepository = {
      ...bindAll(events),
      insert: async (event, second) => (death === undefined ? events.insert(event, second) : die()),
      insertMany: async (batch, second) => (death === undefined ? events.insertMany(batch, second) : die()),
      insertInOrder: async (batch, second) => {
        if (death !== undefined) return die();
        if (landed.length < 5) {
          const move = events.insertInOrder(batch, second);
          landed.push(move);
          return move;
        }
        death = Promise.all(landed).then(async () => void (await events.insert(batch[0]!, second)));
        return die();
      },
    };
    dying.replacePort(STORE_TOKENS.events, failing);
    const died = await dying.container.get(JobRunner).runOnce().catch((e: unknown) => e);
    expect(String(died)).to.match(/kill -9/);
    expect((await movesBy(h, job, ids)).reduce((sum, count) => sum + count, 0), 'the moves in the log when the worker died').to.equal(6);

    const second = harnessOn(store(), h.clock);
    h.clock.advance(60_000);
    const done = await runToEnd(second, job);
    expect([done.status, done.counts.moved, done.counts.skipped, done.counts.failed]).to.deep.equal(['completed', 12, 0, 0]);
    expect((await second.container.get(JobService).errors(context, job.id, { page: 1, perPage: 10 })).totalItems).to.equal(0);
    expect(await movesBy(second, job, ids), 'each target moved once, by the job').to.deep.equal(ids.map(() => 1));
  });

  it('counts a row whose change lost its race to the same job’s move on another worker as moved, not as a contended failure', async () => {
    const h = harnessOn(store());
    const { context, ids, job } = await rejectJob(h, 3);

    // No time to decide again after a lost race: the row's change fails `enrollment_contended`, as on a loaded machine.
    const worker = harnessOn(store(), h.clock, { settings: { contentionBudgetMs: 0 } });
    const events = worker.port(STORE_TOKENS.events);
    let raced = false;
    worker.replacePort(STORE_TOKENS.events, {
      ...bindAll(events),
      // The first move is made by another worker on the same chunk, the same move at the same seq, an instant earlier.
      insertInOrder: async (batch, second) => {
        if (raced) return events.insertInOrder(batch, second);
        raced = true;
        await events.insertInOrder(batch, second);
        return 0;
      },
    });
    const done = await runToEnd(worker, job);
    expect(raced).to.equal(true);
    expect([done.status, done.counts.moved, done.counts.skipped, done.counts.failed]).to.deep.equal(['completed', 3, 0, 0]);
    expect((await worker.container.get(JobService).errors(context, job.id, { page: 1, perPage: 10 })).data).to.deep.equal([]);
    expect(await movesBy(worker, job, ids)).to.deep.equal([1, 1, 1]);
  });

  it('redoes the chunk when the store did not answer a row’s change in time, landed or not: every row moved once, none failed', async () => {
    const h = harnessOn(store());
    const { context, ids, job } = await rejectJob(h, 4);

    const worker = harnessOn(store(), h.clock);
    const events = worker.port(STORE_TOKENS.events);
    const busy = () => new UnavailableError('store_busy', 'The data store did not answer in time; nothing can be assumed done or undone. Retry shortly.');
    let appends = 0;
    worker.replacePort(STORE_TOKENS.events, {
      ...bindAll(events),
      // The first move lands but its answer does not come; the second is not written at all.
      insertInOrder: async (batch, second) => {
        appends++;
        if (appends === 1) await events.insertInOrder(batch, second);
        if (appends <= 2) throw busy();
        return events.insertInOrder(batch, second);
      },
    });
    const stopped = await worker.container.get(JobRunner).runOnce().catch((e: unknown) => e);
    expect(stopped, 'a busy store stops the chunk instead of failing its rows').to.have.property('code', 'store_busy');
    h.clock.advance(60_000);
    const done = await runToEnd(worker, job);
    expect([done.status, done.counts.moved, done.counts.skipped, done.counts.failed]).to.deep.equal(['completed', 4, 0, 0]);
    expect((await worker.container.get(JobService).errors(context, job.id, { page: 1, perPage: 10 })).data).to.deep.equal([]);
    expect(await movesBy(worker, job, ids)).to.deep.equal([1, 1, 1, 1]);
  });

  it('still skips a row another writer moved: another job’s move is not this job’s', async () => {
    const h = harnessOn(store());
    const { context, instance, ids, job } = await rejectJob(h, 2);
    await runToEnd(h, job);
    const again = await runToEnd(h, await h.container.get(JobService).startBulk(context, instance.id, { action: 'reject', reason: 'Again', where: { statuses: ['submitted', 'rejected'] } }));
    expect([again.counts.moved, again.counts.skipped, again.counts.failed]).to.deep.equal([0, 2, 0]);
    expect(await movesBy(h, again, ids)).to.deep.equal([0, 0]);
  });
}

import { expect } from 'chai';
import type { EnrollmentEventRepository } from '../enrollments/ports/EnrollmentEventRepository.js';
import type { EnrollmentProjectionRepository } from '../enrollments/ports/EnrollmentProjectionRepository.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { harnessOn } from './CoreHarness.js';
import { SUZIE_CUSTOMER_INFO } from '../seeds/seedExamples.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

/** A crash between writes, simulated by failing the later write; the next read must repair it and lose nothing. */
export function crashSpecs(store: () => StoreUnderTest): void {
  it('repairs a projection whose write failed after the event was appended', async () => {
    const h = harnessOn(store());
    const { context, instance } = await h.tenant();
    const created = await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);

    const crashing = harnessOn(store(), h.clock);
    const real = crashing.port(STORE_TOKENS.enrollments);
    const failing: EnrollmentProjectionRepository = { ...bindAll(real), save: async () => { throw new Error('simulated crash before the projection write'); } };
    crashing.replacePort(STORE_TOKENS.enrollments, failing);
    await crashing.enrollments.update(context, created.id, { changes: { phone: '+1987654321' } });

    expect((await real.get(context.workspaceId, created.id))!.seq, 'the projection lags').to.equal(1);
    const logged = crashing.logger.withMessage('projection write failed; the next read repairs it');
    expect(logged.map((line) => [line.level, line.meta.enrollmentId, line.meta.seq]), 'logged once, with the enrollment').to.deep.equal([['warn', created.id, 2]]);
    const read = await h.enrollments.get(context, created.id);
    expect([read.phone, read.seq]).to.deep.equal(['+1987654321', 2]);
    expect((await real.get(context.workspaceId, created.id))!.seq, 'the read wrote the repair back').to.equal(2);
  });

  it('finishes a multi-event change that a crash cut short after its first event', async () => {
    const h = harnessOn(store());
    const { context, instance } = await h.tenant();
    const { id } = await h.enrollments.create(context, instance.id, { ...SUZIE_CUSTOMER_INFO, serialNumber: undefined });
    await h.enrollments.update(context, id, { status: 'ineligible' });

    const crashing = harnessOn(store(), h.clock);
    const events = crashing.port(STORE_TOKENS.events);
    let inserts = 0;
    // A batch goes in as one ordered insert: the crash comes after its head.
    const failing: EnrollmentEventRepository = {
      ...bindAll(events),
      insert: async (event) => {
        if (++inserts > 1) throw new Error('simulated crash after the first event of the batch');
        return events.insert(event);
      },
      insertInOrder: async (batch) => {
        await events.insert(batch[0]!);
        throw new Error('simulated crash after the first event of the batch');
      },
    };
    crashing.replacePort(STORE_TOKENS.events, failing);
    const cut = await crashing.enrollments.update(context, id, { changes: { address: { ...SUZIE_CUSTOMER_INFO.address!, city: 'Brooklyn' } } }).catch((e: unknown) => e);
    expect(cut).to.be.instanceOf(Error);

    // Read later than any writer could still be appending the batch: this is a recovery, and is reported as one.
    h.clock.advance(11_000);
    const read = await h.enrollments.get(context, id);
    expect([read.address?.city, read.eligibility.status, read.seq]).to.deep.equal(['Brooklyn', 'candidate', 6]);
    expect(h.logger.withMessage('completing a change a crash cut short').map((line) => line.meta.enrollmentId)).to.deep.equal([id]);
    const log = await events.listForEnrollment(context.workspaceId, id, 0);
    // Each status move is a status_changed and an updated; the data change is an updated of its own.
    expect(log.map((event) => event.type)).to.deep.equal([
      'enrollment.created', 'enrollment.status_changed', 'enrollment.updated', 'enrollment.updated', 'enrollment.status_changed', 'enrollment.updated',
    ]);
  });
}

/** A crash cut short, or another process still at work: the spec builds the half-written batch with a failing insert. */
async function halfWrittenBatch(store: () => StoreUnderTest) {
  const h = harnessOn(store());
  const { context, instance } = await h.tenant();
  const { id } = await h.enrollments.create(context, instance.id, { ...SUZIE_CUSTOMER_INFO, serialNumber: undefined });
  await h.enrollments.update(context, id, { status: 'ineligible' });
  const other = harnessOn(store(), h.clock);
  const events = other.port(STORE_TOKENS.events);
  let inserts = 0;
  other.replacePort(STORE_TOKENS.events, {
    ...bindAll(events),
    insert: async (event, second) => {
      if (++inserts > 1) throw new Error('the other writer has not appended its followers yet');
      return events.insert(event, second);
    },
    insertInOrder: async (batch, second) => {
      await events.insert(batch[0]!, second);
      throw new Error('the other writer has not appended its followers yet');
    },
  });
  await other.enrollments.update(context, id, { changes: { address: { ...SUZIE_CUSTOMER_INFO.address!, city: 'Brooklyn' } } }).catch(() => undefined);
  return { h, context, id };
}

/** Issue 18, defect 6: "completing a change a crash cut short" only when a crash did cut one short. */
export function crashWarningSpecs(store: () => StoreUnderTest): void {
  it('completes, without a crash warning, a batch so young that another process may still be appending it', async () => {
    const { h, context, id } = await halfWrittenBatch(store);
    const read = await h.enrollments.get(context, id);
    expect([read.address?.city, read.seq]).to.deep.equal(['Brooklyn', 6]);
    expect(h.logger.withMessage('completing a change a crash cut short'), 'no crash reported').to.deep.equal([]);
    expect(h.logger.withMessage('completing a change another writer may still be appending').map((line) => [line.level, line.meta.enrollmentId])).to.deep.equal([['info', id]]);
  });

  it('reports nothing when a reader meets a batch this process is appending', async () => {
    const h = harnessOn(store());
    const { context, instance } = await h.tenant();
    const { id } = await h.enrollments.create(context, instance.id, { ...SUZIE_CUSTOMER_INFO, serialNumber: undefined });
    await h.enrollments.update(context, id, { status: 'ineligible' });
    // One process whose writer is held between its batch's head and its followers, read there as a concurrent
    // request would; long after the batch was recorded, so only knowing its own writers keeps it from a warning.
    const writerProcess = harnessOn(store(), h.clock);
    const events = writerProcess.port(STORE_TOKENS.events);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const atFollowers = new Promise<void>((resolve) => (reached = resolve));
    writerProcess.replacePort(STORE_TOKENS.events, {
      ...bindAll(events),
      // The batch goes in as one ordered insert: the writer is held after its head.
      insertInOrder: async (batch, second) => {
        await events.insert(batch[0]!, second);
        reached();
        await held;
        await events.insertMany(batch.slice(1), second);
        return batch.length;
      },
    });
    const writing = writerProcess.enrollments.update(context, id, { changes: { address: { ...SUZIE_CUSTOMER_INFO.address!, city: 'Brooklyn' } } });
    await atFollowers;
    h.clock.advance(60_000);
    const read = await writerProcess.enrollments.get(context, id);
    release();
    await writing;
    expect([read.address?.city, read.seq]).to.deep.equal(['Brooklyn', 6]);
    const reported = writerProcess.logger.lines.filter((line) => line.message.startsWith('completing a change'));
    expect(reported, 'a writer at work is no crash').to.deep.equal([]);
  });
}

/** The repository's methods bound to it, so a test can replace one and keep the rest. */
export function bindAll<T extends object>(repository: T): T {
  const bound: Record<string, unknown> = {};
  let proto: object | null = repository;
  while (proto !== null && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = (repository as Record<string, unknown>)[name];
      if (name !== 'constructor' && typeof value === 'function' && !(name in bound)) bound[name] = value.bind(repository);
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return bound as T;
}

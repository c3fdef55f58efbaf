import { expect } from 'chai';
import { defineAdapter, SDK_VERSION, type OperatorAdapter } from '@flexroll/sdk';
import type { Enrollment } from '../enrollments/Enrollment.js';
import type { EnrollmentProjectionRepository } from '../enrollments/ports/EnrollmentProjectionRepository.js';
import type { CallContext } from '../platform/CallContext.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { SUZIE_CUSTOMER_INFO, suzieWithDevice } from '../seeds/seedExamples.js';
import { CoreHarness, harnessOn } from './CoreHarness.js';
import { driveToActive } from './journeys.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The sweep's projection repair (not the part under test here) reads recent enrollments: a short window keeps it out. */
const QUIET_REPAIR = { projectionRepairWindowMs: MINUTE };

/** What a pass read of one workspace's enrollments: queries made and documents returned, by port method. */
interface Reads {
  /** The workspace whose reads are counted. */
  workspaceId?: string;
  queries: number;
  documents: number;
  byMethod: Record<string, number>;
}

/**
 * Counts, on a new harness (before its services are made), the enrollment documents it reads of one workspace, set
 * later (the store is shared with other specs, whose workspaces a pass visits too). Every reading method is counted.
 */
function countEnrollmentReads(h: CoreHarness): Reads {
  const reads: Reads = { queries: 0, documents: 0, byMethod: {} };
  const real = h.port(STORE_TOKENS.enrollments);
  const returned = (value: unknown): number => (value === undefined || value === null ? 0 : Array.isArray(value) ? value.length : typeof value === 'object' && 'data' in value && Array.isArray(value.data) ? value.data.length : 1);
  const count = <R>(method: string, workspaceId: string, result: R): R => {
    if (reads.workspaceId !== undefined && workspaceId === reads.workspaceId) {
      reads.queries++;
      reads.documents += returned(result);
      reads.byMethod[method] = (reads.byMethod[method] ?? 0) + returned(result);
    }
    return result;
  };
  const wrapped: EnrollmentProjectionRepository = {
    save: (enrollment, due) => real.save(enrollment, due),
    saveMany: (enrollments, due) => real.saveMany(enrollments, due),
    reschedule: (...args) => real.reschedule(...args),
    get: async (workspaceId, id) => count('get', workspaceId, await real.get(workspaceId, id)),
    findByParticipationId: async (workspaceId, id) => count('findByParticipationId', workspaceId, await real.findByParticipationId(workspaceId, id)),
    findBySerialNumber: async (workspaceId, serial) => count('findBySerialNumber', workspaceId, await real.findBySerialNumber(workspaceId, serial)),
    listIds: async (workspaceId, filter) => count('listIds', workspaceId, await real.listIds(workspaceId, filter)),
    list: async (workspaceId, filter, page) => count('list', workspaceId, await real.list(workspaceId, filter, page)),
    listDue: async (workspaceId, field, value) => count('listDue', workspaceId, await real.listDue(workspaceId, field, value)),
    listCounts: (workspaceId, instanceId) => real.listCounts(workspaceId, instanceId),
  };
  h.replacePort(STORE_TOKENS.enrollments, wrapped);
  return reads;
}

const reset = (reads: Reads) => {
  reads.queries = 0;
  reads.documents = 0;
  reads.byMethod = {};
};

async function suspensions(h: CoreHarness, context: CallContext, enrollment: Enrollment): Promise<number> {
  const raised = await h.events.list(context, { enrollmentId: enrollment.id, types: ['participation.state_changed'] }, { page: 1, perPage: 100 });
  return raised.data.filter((event) => event.type === 'participation.state_changed' && event.data.trigger === 'suspension_raised').length;
}

/**
 * Sweeps and polls that touch only what is due (ADR 0019): each enrollment's next due moment is stored as bucket
 * keys, and a pass reads only the buckets since its cursor.
 */
export function dueSweepSpecs(store: () => StoreUnderTest): void {
  /**
   * A harness whose enrollment reads are counted, on a workspace whose sweep cursor is set (its first, full pass is
   * done), with an active participation.
   */
  async function sweptWorkspace() {
    const h = harnessOn(store(), undefined, { settings: QUIET_REPAIR });
    const reads = countEnrollmentReads(h);
    const { context, instance } = await h.tenant();
    await h.sweeps.runOnce();
    const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
    reads.workspaceId = active.workspaceId;
    return { h, reads, context, instance, active };
  }

  describe('the sweep', () => {
    it('sweeps a participation once it is due, once, and an idle pass reads no enrollment document', async () => {
      const { h, reads, context, active } = await sweptWorkspace();
      reset(reads);
      h.clock.advance(HOUR);
      await h.sweeps.runOnce();
      expect(reads.byMethod, 'nothing is due an hour on: no enrollment read').to.deep.equal({ listDue: 0 });
      expect(reads.byMethod, 'only due buckets are asked for').to.have.keys(['listDue']);
      h.clock.advance(24 * HOUR);
      await h.sweeps.runOnce();
      expect(await suspensions(h, context, active), 'stale telemetry is found in its bucket').to.equal(1);
      reset(reads);
      for (let pass = 0; pass < 3; pass++) {
        h.clock.advance(2 * MINUTE);
        await h.sweeps.runOnce();
      }
      expect(await suspensions(h, context, active)).to.equal(1);
      expect(reads.byMethod, 'once suspended it is due for nothing more the sweep does').to.deep.equal({ listDue: 0 });
    });

    it('finds a due moment written in the past, and catches up after the clock jumps 30 days', async () => {
      const { h, reads, context, active } = await sweptWorkspace();
      const pid = active.participation!.id;
      const at = (ago: number) => new Date(h.clock.now().getTime() - ago).toISOString();
      await h.participations.grantConsent(context, pid, { grantedAt: at(2 * HOUR), termsVersion: '2025-01', expiresAt: at(HOUR) });
      h.clock.advance(MINUTE);
      await h.sweeps.runOnce();
      expect((await h.participations.find(context, pid)).participation.suspensionReasons, 'consent that had already expired').to.deep.equal(['AWAITING_CONSENT']);

      const later = await driveToActive(h, context, await h.enrollments.create(context, active.programInstanceId, suzieWithDevice('SN-DUE-30')));
      reset(reads);
      h.clock.advance(30 * DAY);
      await h.sweeps.runOnce();
      expect((await h.participations.find(context, later.participation!.id)).participation.suspensionReasons).to.deep.equal(['AWAITING_TELEMETRY']);
      expect(reads.queries, '30 days are read hour by hour, not minute by minute').to.be.below(30 * 24 + 2 * 60);
    });

    it('stores the due keys of enrollments saved without them in its first pass over a workspace', async () => {
      const h = harnessOn(store(), undefined, { settings: QUIET_REPAIR });
      const reads = countEnrollmentReads(h);
      const { context, instance } = await h.tenant();
      const active = await driveToActive(h, context, await h.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO));
      // As an enrollment stored before due keys existed.
      await h.port(STORE_TOKENS.enrollments).reschedule(active.workspaceId, active.id, active.seq, {});
      await h.sweeps.runOnce();
      reads.workspaceId = active.workspaceId;
      h.clock.advance(25 * HOUR);
      await h.sweeps.runOnce();
      expect(await suspensions(h, context, active)).to.equal(1);
      expect(reads.byMethod.listDue, 'found by its bucket, not by a listing').to.equal(1);
      expect(reads.byMethod).to.not.have.any.keys('list', 'listIds');
    });

    it('never applies one transition twice when sweepers race over the same due bucket', async () => {
      const { h, context, active } = await sweptWorkspace();
      const [second, third] = [harnessOn(store(), h.clock), harnessOn(store(), h.clock)];
      h.clock.advance(25 * HOUR);
      await Promise.all([h.sweeps.runOnce(), second.sweeps.runOnce(), third.sweeps.runOnce(), h.sweeps.runOnce()]);
      expect(await suspensions(h, context, active)).to.equal(1);
    });
  });

  describe('the operator poll', () => {
    const polled = (id: string, asked: string[][]): OperatorAdapter => {
      const reference = store().adapters[0]!;
      return defineAdapter({
        ...reference,
        manifest: { ...reference.manifest, id, sdkVersion: `^${SDK_VERSION}`, polling: { batchSize: 2, intervalSeconds: 60 } },
        syncMany: (participations) => {
          asked.push(participations.map((participation) => participation.id));
          return {};
        },
      });
    };

    it('reads no enrollment document in an idle window, and keeps a quiet participation’s back-off across other writes', async () => {
      const asked: string[][] = [];
      const h = new CoreHarness(store().module(), { adapters: [polled('due-polled', asked)] });
      const reads = countEnrollmentReads(h);
      const { context, instance } = await h.tenant();
      const created = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-DUE-P1'));
      await h.polling.runOnce();
      expect(asked).to.deep.equal([[created.participation!.id]]);
      reads.workspaceId = created.workspaceId;
      h.clock.advance(61_000);
      await h.polling.runOnce();
      expect(asked, 'a quiet participation waits twice the interval').to.have.length(1);
      expect(reads.documents, 'an idle window reads nothing').to.equal(0);
      await h.enrollments.update(context, created.id, { changes: { tags: ['written-meanwhile'] } });
      h.clock.advance(60_000);
      await h.polling.runOnce();
      expect(asked, 'due again at its slot').to.have.length(2);
    });

    it('leaves what is over the budget due for the next window', async () => {
      const asked: string[][] = [];
      const h = new CoreHarness(store().module(), { adapters: [polled('due-budget', asked)] });
      const { context, instance } = await h.tenant();
      const ids: string[] = [];
      for (let n = 0; n < 23; n++) ids.push((await h.enrollments.create(context, instance.id, suzieWithDevice(`SN-DUE-B${n}`))).participation!.id);
      await h.polling.runOnce();
      expect(asked.flat(), 'ten calls of two').to.have.length(20);
      h.clock.advance(61_000);
      await h.polling.runOnce();
      expect(new Set(asked.flat()), 'the three left over, in the next window').to.deep.equal(new Set(ids));
    });
  });
}

import { eventListSecondOf } from '@flexroll/core';
import type { MongoModels } from '../MongoModels.js';
import { fromEventDocument, instanceEventListScope } from './eventDocument.js';
import { insertUnique } from './insertUnique.js';
import { ListBucketIndex } from './ListBucketIndex.js';

/** Its presence in `list_buckets` says the backfill has run on this database. */
const DONE = { _id: 'backfill|instanceListBucket', parent: 'backfill', name: 'done' };
const BATCH = 500;
/** Enrollments whose instance a run remembers; past this many it forgets them all (a repeat costs one lookup). */
const REMEMBERED = 100_000;

/**
 * Gives the events stored before per-instance lists (issue 24) their program instance and its list's bucket
 * (`instanceListBucket`) and index entries, once per database: otherwise a key scoped to instances, or the
 * `programInstanceId` filter, would list none of them. The instance is the enrollment's (it never changes), read from
 * its projection by id, once per enrollment; an event whose enrollment has no projection (a fence of an id never
 * created) is left in the workspace's list alone. Reads the event log once (a scan, but once; afterwards one lookup of
 * the marker per start), as `backfillListBuckets` does, and is idempotent in the same way: processes that start
 * together may all run it.
 */
export async function backfillInstanceEventLists(models: MongoModels): Promise<number> {
  if ((await models.ListBucket.findOne({ _id: DONE._id }, { _id: 1 }).lean()) !== null) return 0;
  const buckets = new ListBucketIndex(models.ListBucket);
  const instances = new Map<string, string | undefined>();
  const instanceOf = async (enrollmentId: string): Promise<string | undefined> => {
    if (!instances.has(enrollmentId)) {
      if (instances.size >= REMEMBERED) instances.clear();
      const projection = await models.Enrollment.findOne({ _id: enrollmentId }, { programInstanceId: 1 }).lean();
      instances.set(enrollmentId, typeof projection?.programInstanceId === 'string' ? projection.programInstanceId : undefined);
    }
    return instances.get(enrollmentId);
  };
  let updated = 0;
  let batch: Array<{ readonly id: unknown; readonly workspaceId: string; readonly enrollmentId: string; readonly second: string }> = [];
  const flush = async () => {
    for (const { enrollmentId } of batch) await instanceOf(enrollmentId);
    const placed = batch.flatMap((entry) => {
      const programInstanceId = instances.get(entry.enrollmentId);
      return programInstanceId === undefined ? [] : [{ ...entry, programInstanceId, scope: instanceEventListScope(entry.workspaceId, programInstanceId) }];
    });
    for (const { scope, second } of placed) await buckets.ensure(scope, [second]);
    await Promise.all(placed.map(({ id, programInstanceId, scope, second }) =>
      models.EnrollmentEvent.updateOne({ _id: id }, { $set: { programInstanceId, instanceListBucket: ListBucketIndex.keyOf(scope, second) } })));
    updated += placed.length;
    batch = [];
  };
  for await (const document of models.EnrollmentEvent.find({}).lean().cursor()) {
    if ((document as { instanceListBucket?: unknown }).instanceListBucket !== undefined) continue;
    const event = fromEventDocument(document);
    batch.push({ id: (document as { _id: unknown })._id, workspaceId: event.workspaceId, enrollmentId: event.enrollmentId, second: eventListSecondOf(event) });
    if (batch.length === BATCH) await flush();
  }
  await flush();
  await insertUnique(models.ListBucket, DONE);
  return updated;
}

import { eventListSecondOf, messageListSecondOf } from '@flexroll/core';
import type { MongoModels } from '../MongoModels.js';
import { eventListScope, fromEventDocument } from './eventDocument.js';
import { insertUnique } from './insertUnique.js';
import { ListBucketIndex } from './ListBucketIndex.js';
import { fromMessageDocument, messageListScope } from './messageDocument.js';

/** Its presence in `list_buckets` says the backfill has run on this database. */
const DONE = { _id: 'backfill|listBucket', parent: 'backfill', name: 'done' };
const BATCH = 500;

/**
 * Gives the events and webhook messages stored before ADR 0021 their `listBucket` and their lists' index entries,
 * once per database: a store opened on an older database would otherwise list none of them. Reads each collection
 * once (a scan, but once; afterwards one lookup of the marker per start). Idempotent, so processes that start
 * together may all run it: each `$set` writes the same value and each bucket insert is unique.
 */
export async function backfillListBuckets(models: MongoModels): Promise<number> {
  if ((await models.ListBucket.findOne({ _id: DONE._id }, { _id: 1 }).lean()) !== null) return 0;
  const buckets = new ListBucketIndex(models.ListBucket);
  let updated = await backfill(models.EnrollmentEvent, buckets, (document) => {
    const event = fromEventDocument(document);
    return [eventListScope(event.workspaceId), eventListSecondOf(event)];
  });
  updated += await backfill(models.WebhookMessage, buckets, (document) => {
    const message = fromMessageDocument(document);
    return [messageListScope(message.workspaceId, message.endpointId), messageListSecondOf(message)];
  });
  await insertUnique(models.ListBucket, DONE);
  return updated;
}

async function backfill(model: MongoModels['EnrollmentEvent'], buckets: ListBucketIndex, placeOf: (document: object) => readonly [string, string]): Promise<number> {
  let updated = 0;
  let batch: Array<{ readonly id: unknown; readonly scope: string; readonly second: string }> = [];
  const flush = async () => {
    for (const { scope, second } of batch) await buckets.ensure(scope, [second]);
    await Promise.all(batch.map(({ id, scope, second }) => model.updateOne({ _id: id }, { $set: { listBucket: ListBucketIndex.keyOf(scope, second) } })));
    updated += batch.length;
    batch = [];
  };
  for await (const document of model.find({}).lean().cursor()) {
    if ((document as { listBucket?: unknown }).listBucket !== undefined) continue;
    const [scope, second] = placeOf(document);
    batch.push({ id: (document as { _id: unknown })._id, scope, second });
    if (batch.length === BATCH) await flush();
  }
  await flush();
  return updated;
}

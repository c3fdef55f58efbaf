import { messageListSecondOf } from '@flexroll/core';
import type { MongoModels } from '../MongoModels.js';
import { insertUnique } from './insertUnique.js';
import { ListBucketIndex } from './ListBucketIndex.js';
import { fromMessageDocument, messageFailedScope, messageFilterKeys, messageTypeScope } from './messageDocument.js';

/** Its presence in `list_buckets` says the backfill has run on this database. */
const DONE = { _id: 'backfill|messageFilterKeys', parent: 'backfill', name: 'done' };
const BATCH = 500;

/**
 * Gives the webhook messages stored before ADR 0022 the keys the delivery log's filters read them by (`typeBucket`,
 * `enrollmentLog`, `failedBucket`), and their seconds their index entries, once per database: the filtered log would
 * otherwise miss them. Reads the collection once (a scan, but once; afterwards one lookup of the marker per start). Idempotent,
 * like `backfillListBuckets`: processes that start together may all run it.
 */
export async function backfillMessageFilterKeys(models: MongoModels): Promise<number> {
  if ((await models.ListBucket.findOne({ _id: DONE._id }, { _id: 1 }).lean()) !== null) return 0;
  const buckets = new ListBucketIndex(models.ListBucket);
  let updated = 0;
  let batch: Array<{ readonly id: unknown; readonly document: object }> = [];
  const flush = async () => {
    for (const { document } of batch) {
      const message = fromMessageDocument(document);
      await buckets.ensure(messageTypeScope(message.workspaceId, message.endpointId, message.type), [messageListSecondOf(message)]);
      if (message.state === 'failed') await buckets.ensure(messageFailedScope(message.workspaceId, message.endpointId), [messageListSecondOf(message)]);
    }
    await Promise.all(batch.map(({ id, document }) => models.WebhookMessage.updateOne({ _id: id }, { $set: messageFilterKeys(fromMessageDocument(document)) })));
    updated += batch.length;
    batch = [];
  };
  for await (const document of models.WebhookMessage.find({}).lean().cursor()) {
    if ((document as { typeBucket?: unknown }).typeBucket !== undefined) continue;
    batch.push({ id: (document as { _id: unknown })._id, document });
    if (batch.length === BATCH) await flush();
  }
  await flush();
  await insertUnique(models.ListBucket, DONE);
  return updated;
}

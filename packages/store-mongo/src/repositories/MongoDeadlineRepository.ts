import {
  actionableFieldOf, actionableKeyOf, type DeadlineAcknowledgement, type DeadlineCounts, deadlineBucketsOf, DEADLINE_KEY_FIELDS, type DeadlineBucketSource, type DeadlineFilter, type DeadlineKey, deadlineKeysOf, type DeadlineRecord,
  type DeadlineRepository, type DeadlineScope, type DeadlineSnooze, type DerivedDeadlineRecord, type ListWindow, PAUSED_PERIOD, walkDeadlines, WAITING_ON, type WaitingOn, type WindowRequest,
} from '@flexroll/core';
import { ListBucketIndex } from '../documents/ListBucketIndex.js';
import type { AnyBulkWriteOperation, Model } from 'mongoose';
import { encodeData } from '../documents/documentCodec.js';
import { fromDocument } from '../documents/fromDocument.js';
import { isDuplicateKeyError } from '../documents/isDuplicateKeyError.js';
import type { StoredDocument } from '../documents/StoredDocument.js';

/** A deadline's fields that a newer copy may no longer have: unset when absent, so the stored record is the copy. */
const OPTIONAL_FIELDS = ['expectedAt', 'dueSoonAt', 'paused', 'closedAt', 'instanceActionable', 'workspaceActionable'] as const;

/**
 * The overdue queue on MongoDB / FerretDB: `deadlines`, one document per deadline. A copy is written by an upsert
 * conditioned on the stored `seq` being no newer: when it is newer the upsert's insert collides with its `_id` and is
 * ignored. Like the projection's `seq` condition, on FerretDB v1 it is checked when the document is read, not when it
 * is written, so two racing writers may leave the older copy until the next save (ADR 0019). The queue's own fields,
 * `acknowledgement` and `snooze`, are never part of a copy's `$set`, so a copy keeps them.
 */
export class MongoDeadlineRepository implements DeadlineRepository {
  readonly #source: DeadlineBucketSource;

  readonly #hours: ListBucketIndex;

  constructor(private readonly model: Model<StoredDocument>, buckets: Model<StoredDocument>) {
    this.#hours = new ListBucketIndex(buckets);
    this.#source = {
      hours: (prefix, start) => this.#hoursOf(prefix, start),
      find: async (field, key) => (await this.model.find({ [field]: key }).lean()).map(toRecord),
    };
  }

  async write(records: readonly DerivedDeadlineRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.#ensureHours(records);
    const operations = records.map((record): AnyBulkWriteOperation<StoredDocument> => {
      const { id, ...fields } = encodeData({ ...record, ...deadlineKeysOf(record) }) as Record<string, unknown> & { id: string };
      const unset = Object.fromEntries(OPTIONAL_FIELDS.filter((field) => fields[field] === undefined).map((field) => [field, '']));
      return {
        updateOne: {
          filter: { _id: id, workspaceId: record.workspaceId, seq: { $lte: record.seq } },
          update: { $set: fields, ...(Object.keys(unset).length === 0 ? {} : { $unset: unset }) },
          upsert: true,
        },
      };
    });
    try {
      await this.model.bulkWrite(operations, { ordered: false });
    } catch (error) {
      // A duplicate `_id` is a stored copy newer than this one: it stays. Anything else is a failed write.
      if (!everyWriteErrorIsDuplicate(error)) throw error;
    }
  }

  async get(workspaceId: string, id: string): Promise<DeadlineRecord | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : toRecord(document);
  }

  async acknowledge(workspaceId: string, id: string, acknowledgement: DeadlineAcknowledgement): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, workspaceId }, { $set: { acknowledgement: encodeData(acknowledgement), updatedAt: acknowledgement.at } });
    return result.matchedCount > 0;
  }

  async snooze(workspaceId: string, id: string, snooze: DeadlineSnooze): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, workspaceId }, { $set: { snooze: encodeData(snooze), updatedAt: snooze.at } });
    return result.matchedCount > 0;
  }

  /**
   * Each record's hours in `list_buckets` before the record is written (ADR 0021's index, as a second `HH:00:00` of the
   * scope `deadlines:<prefix>`), so a record is never in an hour the index misses.
   */
  async #ensureHours(records: readonly DerivedDeadlineRecord[]): Promise<void> {
    const byPrefix = new Map<string, Set<string>>();
    for (const record of records) {
      for (const { prefix, hour } of deadlineBucketsOf(record)) {
        if (hour === PAUSED_PERIOD) continue;
        let hours = byPrefix.get(prefix);
        if (hours === undefined) byPrefix.set(prefix, (hours = new Set()));
        hours.add(`${hour}:00:00`);
      }
    }
    await Promise.all([...byPrefix].map(([prefix, hours]) => this.#hours.ensure(indexScope(prefix), hours)));
  }

  async *#hoursOf(prefix: string, start: string | undefined): AsyncGenerator<string> {
    for await (const second of this.#hours.seconds(indexScope(prefix), start === undefined ? undefined : `${start}:00:00`)) yield second.slice(0, 13);
  }

  list(scope: DeadlineScope, filter: DeadlineFilter, request: WindowRequest<DeadlineKey>): Promise<ListWindow<DeadlineRecord, DeadlineKey>> {
    return walkDeadlines(scope, filter, request, this.#source);
  }

  /**
   * One `count` command per party: FerretDB v1 selects the scope's actionable documents by the indexed key and the
   * party (top-level equalities, pushed down to PostgreSQL) and applies the snooze clause itself, so no record is sent
   * here or decoded by the driver — the cost of a find of the same documents without their transfer.
   */
  async countActionable(scope: DeadlineScope, now: string, includeSnoozed: boolean): Promise<DeadlineCounts> {
    const counted = await Promise.all(WAITING_ON.map(async (party) => {
      const query = actionableCountFilter(scope, party, now, includeSnoozed);
      const answer = await this.model.db.db!.command({ count: this.model.collection.collectionName, query });
      return [party, Number(answer.n)] as const;
    }));
    return Object.fromEntries(counted) as Record<WaitingOn, number>;
  }
}

/**
 * The filter of one party's count: the scope's actionable key and the party, the equalities FerretDB pushes down to
 * an index; the snooze clause is applied to what they select. Exported for the hot-path spec, which explains it.
 */
export function actionableCountFilter(scope: DeadlineScope, party: WaitingOn, now: string, includeSnoozed: boolean): Record<string, unknown> {
  const notSnoozed = includeSnoozed ? {} : { $or: [{ 'snooze.until': { $exists: false } }, { 'snooze.until': { $lte: now } }] };
  return { [actionableFieldOf(scope)]: actionableKeyOf(scope), waitingOn: party, ...notSnoozed };
}

/** The record of a stored document: its bucket keys left out. */
function toRecord(document: object): DeadlineRecord {
  const record = fromDocument<Record<string, unknown>>(document);
  for (const field of DEADLINE_KEY_FIELDS) delete record[field];
  return record as unknown as DeadlineRecord;
}

/** The scope of a deadline prefix's hours in `list_buckets`, apart from the other lists' scopes. */
function indexScope(prefix: string): string {
  return `deadlines:${prefix}`;
}

function everyWriteErrorIsDuplicate(error: unknown): boolean {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  if (Array.isArray(writeErrors) && writeErrors.length > 0) return writeErrors.every((writeError) => isDuplicateKeyError((writeError as { err?: unknown }).err ?? writeError));
  return isDuplicateKeyError(error);
}

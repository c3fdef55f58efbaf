import {
  actionableDeadlines, countActionableOf, type DeadlineAcknowledgement, type DeadlineCounts, deadlineBucketsOf, DEADLINE_KEY_FIELDS, type DeadlineBucketSource, type DeadlineFilter, type DeadlineKey, deadlineKeysOf, type DeadlineRecord,
  type DeadlineRepository, type DeadlineScope, type DeadlineSnooze, type DerivedDeadlineRecord, type ListWindow, PAUSED_PERIOD, walkDeadlines, type WindowRequest,
} from '@flexroll/core';
import { SecondBuckets } from './SecondBuckets.js';
import { MemoryTable, tick } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';

type KeyField = (typeof DEADLINE_KEY_FIELDS)[number];

/**
 * The embedded store's overdue queue: records by id, and for each of a record's bucket keys (`deadlineKeysOf`) the
 * records holding it, so that a list walks the same buckets, in the same order, as on MongoDB.
 */
export class MemoryDeadlineRepository implements DeadlineRepository {
  readonly #table = new MemoryTable<DeadlineRecord>((row) => scoped(row.workspaceId, row.id));
  /** `field/key` → the stored keys of the records holding it. */
  readonly #buckets = new Map<string, Set<string>>();
  /** Each scope prefix's hours that have held deadlines, in order (never emptied: as the MongoDB store's index). */
  readonly #hours = new Map<string, SecondBuckets<true>>();
  readonly #source: DeadlineBucketSource = {
    hours: (prefix, start) => this.#hoursOf(prefix, start),
    find: async (field, key) => {
      await tick();
      return [...(this.#buckets.get(`${field}/${key}`) ?? [])].flatMap((stored) => this.#table.peek(stored) ?? []);
    },
  };

  async write(records: readonly DerivedDeadlineRecord[]): Promise<void> {
    if (records.length === 0) return;
    await tick();
    for (const record of records) {
      const stored = this.#table.peek(scoped(record.workspaceId, record.id));
      if (stored !== undefined && stored.seq > record.seq) continue;
      const kept = { ...record, ...(stored?.acknowledgement === undefined ? {} : { acknowledgement: stored.acknowledgement }), ...(stored?.snooze === undefined ? {} : { snooze: stored.snooze }) };
      this.#put(kept, stored);
    }
  }

  get(workspaceId: string, id: string): Promise<DeadlineRecord | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }

  acknowledge(workspaceId: string, id: string, acknowledgement: DeadlineAcknowledgement): Promise<boolean> {
    return this.#table.updateIf(scoped(workspaceId, id), () => true, (stored) => ({ ...stored, acknowledgement, updatedAt: acknowledgement.at }));
  }

  snooze(workspaceId: string, id: string, snooze: DeadlineSnooze): Promise<boolean> {
    return this.#table.updateIf(scoped(workspaceId, id), () => true, (stored) => ({ ...stored, snooze, updatedAt: snooze.at }));
  }

  list(scope: DeadlineScope, filter: DeadlineFilter, request: WindowRequest<DeadlineKey>): Promise<ListWindow<DeadlineRecord, DeadlineKey>> {
    return walkDeadlines(scope, filter, request, this.#source);
  }

  async countActionable(scope: DeadlineScope, now: string, includeSnoozed: boolean): Promise<DeadlineCounts> {
    return countActionableOf(await actionableDeadlines(scope, this.#source), now, includeSnoozed);
  }

  async *#hoursOf(prefix: string, start: string | undefined): AsyncGenerator<string> {
    await tick();
    yield* this.#hours.get(prefix)?.secondsFrom(start) ?? [];
  }

  /** Stores a record and moves its stored key between buckets. */
  #put(record: DeadlineRecord, stored: DeadlineRecord | undefined): void {
    const key = scoped(record.workspaceId, record.id);
    if (stored !== undefined) for (const bucket of bucketsOf(stored)) this.#buckets.get(bucket)?.delete(key);
    for (const { prefix, hour } of deadlineBucketsOf(record)) {
      if (hour === PAUSED_PERIOD) continue;
      let hours = this.#hours.get(prefix);
      if (hours === undefined) this.#hours.set(prefix, (hours = new SecondBuckets<true>()));
      if (hours.at(hour).length === 0) hours.add(hour, true);
    }
    this.#table.putUnlessNow(record, () => false);
    for (const bucket of bucketsOf(record)) {
      let holders = this.#buckets.get(bucket);
      if (holders === undefined) this.#buckets.set(bucket, (holders = new Set()));
      holders.add(key);
    }
  }
}

function bucketsOf(record: DeadlineRecord): string[] {
  const keys = deadlineKeysOf(record);
  return DEADLINE_KEY_FIELDS.flatMap((field: KeyField) => (keys[field] === undefined ? [] : [`${field}/${keys[field]}`]));
}

import { dayKey, hourKey, minuteKey, type DueBucket } from '../platform/index.js';

/**
 * When timed work next finds an enrollment due, as top-level bucket keys on its stored copy (ADR 0019). Computed in
 * the core, which knows the instance's rules (`DueMoments`), and handed to the store with each save: the store only
 * keeps them, indexed, and finds a bucket's enrollments by equality on the key alone. Each value starts with the
 * workspace's id, so that one key selects one workspace's bucket: an index on the key alone then reads only what is
 * due (on FerretDB on PostgreSQL, a condition on `workspaceId` beside it would scan the workspace's whole posting list).
 */
export interface DueKeys {
  /** The sweep's review (every timed rule of the participation policy): `<workspaceId>/<minute>`, `…/<hour>`, `…/<day>`. */
  readonly reviewMinute?: string;
  readonly reviewHour?: string;
  readonly reviewDay?: string;
  /** The operator poll, per program instance: `<workspaceId>/<programInstanceId>/<minute>`, `…/<hour>`, `…/<day>`. */
  readonly pollMinute?: string;
  readonly pollHour?: string;
  readonly pollDay?: string;
}

export type DueKeyField = keyof DueKeys;
export const DUE_KEY_FIELDS: readonly DueKeyField[] = Object.freeze(['reviewMinute', 'reviewHour', 'reviewDay', 'pollMinute', 'pollHour', 'pollDay']);

/** The keys of an enrollment of this instance whose review is due at `reviewAt` and poll at `pollAt` (ms; undefined: not due). */
export function dueKeysOf(instance: { readonly workspaceId: string; readonly id: string }, reviewAt: number | undefined, pollAt: number | undefined): DueKeys {
  const review = instance.workspaceId;
  const poll = `${instance.workspaceId}/${instance.id}`;
  return {
    ...(reviewAt === undefined ? {} : { reviewMinute: `${review}/${minuteKey(reviewAt)}`, reviewHour: `${review}/${hourKey(reviewAt)}`, reviewDay: `${review}/${dayKey(reviewAt)}` }),
    ...(pollAt === undefined ? {} : { pollMinute: `${poll}/${minuteKey(pollAt)}`, pollHour: `${poll}/${hourKey(pollAt)}`, pollDay: `${poll}/${dayKey(pollAt)}` }),
  };
}

/** The field and value that find a workspace's review bucket. */
export function reviewBucket(workspaceId: string, bucket: DueBucket): { readonly field: DueKeyField; readonly value: string } {
  return { field: REVIEW_FIELDS[bucket.grain], value: `${workspaceId}/${bucket.value}` };
}

/** The field and value that find an instance's poll bucket. */
export function pollBucket(instance: { readonly workspaceId: string; readonly id: string }, bucket: DueBucket): { readonly field: DueKeyField; readonly value: string } {
  return { field: POLL_FIELDS[bucket.grain], value: `${instance.workspaceId}/${instance.id}/${bucket.value}` };
}

const REVIEW_FIELDS = { minute: 'reviewMinute', hour: 'reviewHour', day: 'reviewDay' } as const;
const POLL_FIELDS = { minute: 'pollMinute', hour: 'pollHour', day: 'pollDay' } as const;

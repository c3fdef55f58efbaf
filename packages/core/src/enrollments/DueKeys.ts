import { dayKey, hourKey, minuteKey, type DueBucket } from '../platform/index.js';

/**
 * When timed work next finds an enrollment due, as top-level bucket keys on its stored copy (ADR 0019). Computed in
 * the core, which knows the instance's rules (`DueMoments`), and handed to the store with each save: the store only
 * keeps them, indexed, and finds a bucket's enrollments by equality.
 */
export interface DueKeys {
  /** The sweep's review (every timed rule of the participation policy): its due minute, hour and day. */
  readonly reviewMinute?: string;
  readonly reviewHour?: string;
  readonly reviewDay?: string;
  /** The operator poll, per program instance: `<programInstanceId>/<minute>`, `…/<hour>` and `…/<day>`. */
  readonly pollMinute?: string;
  readonly pollHour?: string;
  readonly pollDay?: string;
}

export type DueKeyField = keyof DueKeys;
export const DUE_KEY_FIELDS: readonly DueKeyField[] = Object.freeze(['reviewMinute', 'reviewHour', 'reviewDay', 'pollMinute', 'pollHour', 'pollDay']);

/** The keys of a review due at `reviewAt` and a poll due at `pollAt` (each in ms; undefined: not due). */
export function dueKeysOf(programInstanceId: string, reviewAt: number | undefined, pollAt: number | undefined): DueKeys {
  return {
    ...(reviewAt === undefined ? {} : { reviewMinute: minuteKey(reviewAt), reviewHour: hourKey(reviewAt), reviewDay: dayKey(reviewAt) }),
    ...(pollAt === undefined ? {} : { pollMinute: `${programInstanceId}/${minuteKey(pollAt)}`, pollHour: `${programInstanceId}/${hourKey(pollAt)}`, pollDay: `${programInstanceId}/${dayKey(pollAt)}` }),
  };
}

/** The field and value that find the sweep's review bucket. */
export function reviewBucket(bucket: DueBucket): { readonly field: DueKeyField; readonly value: string } {
  return { field: REVIEW_FIELDS[bucket.grain], value: bucket.value };
}

/** The field and value that find an instance's poll bucket. */
export function pollBucket(programInstanceId: string, bucket: DueBucket): { readonly field: DueKeyField; readonly value: string } {
  return { field: POLL_FIELDS[bucket.grain], value: `${programInstanceId}/${bucket.value}` };
}

const REVIEW_FIELDS = { minute: 'reviewMinute', hour: 'reviewHour', day: 'reviewDay' } as const;
const POLL_FIELDS = { minute: 'pollMinute', hour: 'pollHour', day: 'pollDay' } as const;

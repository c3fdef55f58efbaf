import { hourKey, minuteKey, type DueBucket } from '../platform/index.js';

/**
 * When timed work next finds an enrollment due, as top-level bucket keys on its stored copy (ADR 0019). Computed in
 * the core, which knows the instance's rules (`DueMoments`), and handed to the store with each save: the store only
 * keeps them, indexed, and finds a bucket's enrollments by equality.
 */
export interface DueKeys {
  /** The sweep's review (every timed rule of the participation policy): its due minute and hour. */
  readonly reviewMinute?: string;
  readonly reviewHour?: string;
  /** The operator poll, per program instance: `<programInstanceId>/<minute>` and `<programInstanceId>/<hour>`. */
  readonly pollMinute?: string;
  readonly pollHour?: string;
}

export type DueKeyField = keyof DueKeys;
export const DUE_KEY_FIELDS: readonly DueKeyField[] = Object.freeze(['reviewMinute', 'reviewHour', 'pollMinute', 'pollHour']);

/** The keys of a review due at `reviewAt` and a poll due at `pollAt` (each in ms; undefined: not due). */
export function dueKeysOf(programInstanceId: string, reviewAt: number | undefined, pollAt: number | undefined): DueKeys {
  return {
    ...(reviewAt === undefined ? {} : { reviewMinute: minuteKey(reviewAt), reviewHour: hourKey(reviewAt) }),
    ...(pollAt === undefined ? {} : { pollMinute: `${programInstanceId}/${minuteKey(pollAt)}`, pollHour: `${programInstanceId}/${hourKey(pollAt)}` }),
  };
}

/** The field and value that find the sweep's review bucket. */
export function reviewBucket(bucket: DueBucket): { readonly field: DueKeyField; readonly value: string } {
  return { field: bucket.grain === 'hour' ? 'reviewHour' : 'reviewMinute', value: bucket.value };
}

/** The field and value that find an instance's poll bucket. */
export function pollBucket(programInstanceId: string, bucket: DueBucket): { readonly field: DueKeyField; readonly value: string } {
  return { field: bucket.grain === 'hour' ? 'pollHour' : 'pollMinute', value: `${programInstanceId}/${bucket.value}` };
}

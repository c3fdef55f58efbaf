import type { ParticipationState } from '@flexroll/sdk';
import { collectWindow, compareSortKeys, isKeyOf, type ListWindow, mergeSeconds, type WindowRequest } from '../platform/index.js';
import { ACTIONABLE_DEADLINE_STATUSES, type DeadlineStatus, OPEN_DEADLINE_STATUSES, WAITING_ON, type WaitingOn } from '../enrollments/index.js';
import type { DeadlineRecord } from './DeadlineRecord.js';

/** Which deadlines a list reads: a workspace's, or one program instance's. */
export interface DeadlineScope {
  readonly workspaceId: string;
  readonly programInstanceId?: string;
}

/** What a deadline list asks for; every filter is applied to what the walk reads. */
export interface DeadlineFilter {
  /** Any of these statuses; default the open ones (`pending`, `due_soon`, `missed`). */
  readonly statuses?: readonly DeadlineStatus[];
  readonly waitingOn?: readonly WaitingOn[];
  readonly states?: readonly ParticipationState[];
  /** Only deadlines with `expectedAt` at or before this (the API's `overdueBy`, worked out from now); paused ones never. */
  readonly expectedBy?: string;
  /** `include`: snoozed deadlines too; by default a deadline snoozed until after `now` is left out. */
  readonly snoozed?: 'exclude' | 'include';
  /** The platform's now, for the snooze rule. */
  readonly now: string;
}

/**
 * Where a deadline stands in the queue: how late it is (`expectedAt`, most overdue first; a paused deadline, which has
 * none, after every other, as `~`), then its id.
 */
export type DeadlineKey = readonly [expectedAt: string, id: string];

/** Sorts after every `expectedAt`: the place of a paused deadline. */
const PAUSED = '~';

export function deadlineKeyOf(record: Pick<DeadlineRecord, 'expectedAt' | 'id'>): DeadlineKey {
  return [record.expectedAt ?? PAUSED, record.id];
}

export const isDeadlineKey = isKeyOf<DeadlineKey>('string', 'string');

/** The two groups a scope's deadlines are bucketed in: still open (the queue proper) or closed. */
export type DeadlineGroup = 'open' | 'closed';

export function deadlineGroupOf(status: DeadlineStatus): DeadlineGroup {
  return OPEN_DEADLINE_STATUSES.includes(status) ? 'open' : 'closed';
}

/** The bucket name of the paused deadlines, after every hour (`p` sorts after digits). */
export const PAUSED_PERIOD = 'paused';

/**
 * The keys a record is found by, each an equality on an indexed top-level field (FerretDB v1 pushes down nothing
 * else): the hour of its `expectedAt` (`YYYY-MM-DDTHH`, or `paused`) in its open/closed group, within its program
 * instance and within its workspace; and, while it is actionable (`due_soon` or `missed`), its instance and its
 * workspace, for the counts.
 */
export interface DeadlineKeys {
  readonly instanceHour: string;
  readonly workspaceHour: string;
  readonly instanceActionable?: string;
  readonly workspaceActionable?: string;
}

export const DEADLINE_KEY_FIELDS = ['instanceHour', 'workspaceHour', 'instanceActionable', 'workspaceActionable'] as const;
export type DeadlineKeyField = (typeof DEADLINE_KEY_FIELDS)[number];

/**
 * The statuses the counts are of: the deadlines that are due (announced due soon, or missed). Re-exported, not copied
 * into a constant here: the enrollments barrel reaches back to this module (EnrollmentLog → deadlines), and a copy
 * made while this module loads would read the name before it is initialised when a program loads the barrel first.
 */
export { ACTIONABLE_DEADLINE_STATUSES as ACTIONABLE_STATUSES } from '../enrollments/index.js';

/** A scope's bucket prefix within a group: `<ws>/<instance>/open`, or `<ws>/open` for the whole workspace. */
export function deadlineBucketPrefix(scope: DeadlineScope, group: DeadlineGroup): string {
  return scope.programInstanceId === undefined ? `${scope.workspaceId}/${group}` : `${scope.workspaceId}/${scope.programInstanceId}/${group}`;
}

/** The key of a scope's actionable deadlines (the counts' one equality). */
export function actionableKeyOf(scope: DeadlineScope): string {
  return scope.programInstanceId === undefined ? scope.workspaceId : `${scope.workspaceId}/${scope.programInstanceId}`;
}

/** The bucket a deadline is in: the hour of its `expectedAt`, `YYYY-MM-DDTHH`, or {@link PAUSED_PERIOD}. */
export function deadlineHourOf(record: Pick<DeadlineRecord, 'expectedAt'>): string {
  return record.expectedAt === undefined ? PAUSED_PERIOD : record.expectedAt.slice(0, 13);
}

/** The buckets a record is in, each as its scope's prefix and the hour: a store indexes the hours before it writes. */
export function deadlineBucketsOf(record: Pick<DeadlineRecord, 'workspaceId' | 'programInstanceId' | 'expectedAt' | 'status'>): ReadonlyArray<{ readonly prefix: string; readonly hour: string }> {
  const group = deadlineGroupOf(record.status);
  const hour = deadlineHourOf(record);
  return [{ prefix: deadlineBucketPrefix(record, group), hour }, { prefix: deadlineBucketPrefix({ workspaceId: record.workspaceId }, group), hour }];
}

export function deadlineKeysOf(record: Pick<DeadlineRecord, 'workspaceId' | 'programInstanceId' | 'expectedAt' | 'status'>): DeadlineKeys {
  const [instance, workspace] = deadlineBucketsOf(record);
  const actionable = ACTIONABLE_DEADLINE_STATUSES.includes(record.status);
  return {
    instanceHour: `${instance!.prefix}/${instance!.hour}`,
    workspaceHour: `${workspace!.prefix}/${workspace!.hour}`,
    ...(actionable ? { instanceActionable: actionableKeyOf(record), workspaceActionable: actionableKeyOf({ workspaceId: record.workspaceId }) } : {}),
  };
}

/**
 * What a store answers a walk with: a scope's hours that have held deadlines, in order, from an hour on (an index the
 * store keeps beside the records, small documents read a level at a time, as ADR 0021's bucket index is), and one
 * bucket's records (one equality on a key of {@link DeadlineKeys}).
 */
export interface DeadlineBucketSource {
  hours(prefix: string, start: string | undefined): AsyncIterable<string>;
  find(field: DeadlineKeyField, key: string): Promise<readonly DeadlineRecord[]>;
}

export function deadlineMatches(filter: DeadlineFilter, record: DeadlineRecord): boolean {
  const statuses = filter.statuses ?? OPEN_DEADLINE_STATUSES;
  return (
    statuses.includes(record.status) &&
    (filter.waitingOn === undefined || filter.waitingOn.includes(record.waitingOn)) &&
    (filter.states === undefined || filter.states.includes(record.state)) &&
    (filter.expectedBy === undefined || (record.expectedAt !== undefined && record.expectedAt <= filter.expectedBy)) &&
    (filter.snoozed === 'include' || record.snooze === undefined || record.snooze.until <= filter.now)
  );
}

/**
 * A window of a scope's deadlines, most overdue first ({@link DeadlineKey}), read bucket by bucket (ADR 0021): for each
 * group the filter's statuses need, the hours of `expectedAt` that have held any of the scope's deadlines, from the
 * cursor's on (the store's index of them), each hour's deadlines by one equality, then the paused ones (one equality,
 * unless `expectedBy` rules them out). The groups' hours are merged in order. A window costs what it returns, the one
 * hour it stops in, and the index's levels it descends — not the scope's size. An hour whose deadlines have all closed
 * stays in the open group's index: the walk passes over it at the cost of a lookup (see docs/deadlines.md).
 */
export function walkDeadlines(scope: DeadlineScope, filter: DeadlineFilter, request: WindowRequest<DeadlineKey>, source: DeadlineBucketSource): Promise<ListWindow<DeadlineRecord, DeadlineKey>> {
  const statuses = filter.statuses ?? OPEN_DEADLINE_STATUSES;
  const groups = (['open', 'closed'] as const).filter((group) => statuses.some((status) => deadlineGroupOf(status) === group));
  const start = request.after === undefined ? undefined : request.after[0] === PAUSED ? PAUSED_PERIOD : request.after[0].slice(0, 13);
  const end = filter.expectedBy?.slice(0, 13);
  const periods = groups.map((group) => periodsOf(source, deadlineBucketPrefix(scope, group), start, end));
  return collectWindow(bucketsOf(source, scope, groups, periods), { keyOf: deadlineKeyOf, compare: compareSortKeys, matches: (record) => deadlineMatches(filter, record) }, request);
}

/** The counts' read: a scope's actionable deadlines, one equality. */
export function actionableDeadlines(scope: DeadlineScope, source: DeadlineBucketSource): Promise<readonly DeadlineRecord[]> {
  return source.find(actionableFieldOf(scope), actionableKeyOf(scope));
}

/** The key field a scope's actionable deadlines are found by: the workspace's, or one instance's. */
export function actionableFieldOf(scope: DeadlineScope): 'workspaceActionable' | 'instanceActionable' {
  return scope.programInstanceId === undefined ? 'workspaceActionable' : 'instanceActionable';
}

/** The actionable deadlines per party that wait on it. */
export type DeadlineCounts = Readonly<Record<WaitingOn, number>>;

/** Counts actionable records per party (a store that holds them at hand), snoozed ones out unless included. */
export function countActionableOf(records: readonly DeadlineRecord[], now: string, includeSnoozed: boolean): DeadlineCounts {
  const counts = Object.fromEntries(WAITING_ON.map((party) => [party, 0])) as Record<WaitingOn, number>;
  for (const record of records) {
    if (!includeSnoozed && record.snooze !== undefined && record.snooze.until > now) continue;
    counts[record.waitingOn]++;
  }
  return counts;
}

async function* bucketsOf(source: DeadlineBucketSource, scope: DeadlineScope, groups: readonly DeadlineGroup[], periods: ReadonlyArray<AsyncIterable<string>>): AsyncGenerator<readonly DeadlineRecord[]> {
  const field = scope.programInstanceId === undefined ? 'workspaceHour' : 'instanceHour';
  for await (const { second: period, sources } of mergeSeconds(periods)) {
    const found = await Promise.all(sources.map((index) => source.find(field, `${deadlineBucketPrefix(scope, groups[index]!)}/${period}`)));
    yield found.flat();
  }
}

/** A group's hours from `start` (an hour, or `paused`) up to `end` (an hour; then no paused bucket), then `paused`. */
async function* periodsOf(source: DeadlineBucketSource, prefix: string, start: string | undefined, end: string | undefined): AsyncGenerator<string> {
  if (start !== PAUSED_PERIOD) {
    for await (const hour of source.hours(prefix, start)) {
      if (end !== undefined && hour > end) return;
      yield hour;
    }
  }
  if (end === undefined) yield PAUSED_PERIOD;
}

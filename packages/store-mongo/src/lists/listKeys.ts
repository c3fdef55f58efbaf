import { countedTagsOf, listBlockOf, listSpanOf, searchKeysOf, searchKeyString, type Enrollment, type ListRead } from '@flexroll/core';

/**
 * The keys an enrollment document carries for its instance's list (ADR 0017), each read by one equality lookup,
 * the one query FerretDB v1 pushes down:
 * - `listPosition`: its place (creation order);
 * - `listBlock`: workspace and instance + block of 100 places, for reading a whole block;
 * - `listKeys`, while it is not deleted: workspace and instance + block or span + its status, the same for each of its tags
 *   (its manufacturers counted as tags, core's `countedTagsOf`)
 *   and for its participation's state, so that a page of a status, a tag or a state reads only the enrollments it wants,
 *   a whole span at once where they are few; and workspace and instance + `all` + each of its search keys (core's
 *   `searchKeys.ts`: words of its name, e-mail and reference by prefix, manufacturers, postal code prefixes).
 *   (An array field: an equality on one of its values is pushed down and served by the field's GIN index.)
 */
export function listKeysOf(enrollment: Enrollment, position: number): { listPosition: number; listBlock?: string; listKeys?: string[] } {
  if (enrollment.programInstanceId === undefined) return { listPosition: position };
  const instanceId = listOf(enrollment.workspaceId, enrollment.programInstanceId);
  const block = listBlockOf(position);
  const span = listSpanOf(position);
  const keys = enrollment.deletedAt !== undefined ? [] : [
    keyOf(instanceId, 'block', block, 'status', enrollment.eligibility.status),
    keyOf(instanceId, 'span', span, 'status', enrollment.eligibility.status),
    ...countedTagsOf(enrollment).flatMap((tag) => [keyOf(instanceId, 'block', block, 'tag', tag), keyOf(instanceId, 'span', span, 'tag', tag)]),
    ...(enrollment.participation === undefined ? [] : [
      keyOf(instanceId, 'block', block, 'state', enrollment.participation.state),
      keyOf(instanceId, 'span', span, 'state', enrollment.participation.state),
    ]),
    ...searchKeysOf(enrollment).map((key) => `${instanceId}|all|${key}`),
  ];
  return { listPosition: position, listBlock: `${instanceId}:${block}`, listKeys: keys };
}

/**
 * The equality that answers one read of a list. It names the workspace in the key itself, not beside it: PostgreSQL
 * could otherwise answer from the `workspaceId` index and read the whole workspace's entries; the caller checks the
 * workspace of what comes back.
 */
export function listReadQuery(workspaceId: string, programInstanceId: string, read: Exclude<ListRead, { unit: 'enrollments' }>): { listBlock: string } | { listKeys: string } {
  const instanceId = listOf(workspaceId, programInstanceId);
  if (read.unit === 'instance') return { listKeys: `${instanceId}|all|${searchKeyString(read.key)}` };
  if ('status' in read) return { listKeys: keyOf(instanceId, read.unit, read.number, 'status', read.status) };
  if ('tag' in read) return { listKeys: keyOf(instanceId, read.unit, read.number, 'tag', read.tag) };
  if ('state' in read) return { listKeys: keyOf(instanceId, read.unit, read.number, 'state', read.state) };
  return { listBlock: `${instanceId}:${read.number}` };
}

/** The list's own name: instance ids are unique within a workspace only. */
function listOf(workspaceId: string, programInstanceId: string): string {
  return `${workspaceId}/${programInstanceId}`;
}

/** The value last, so that a tag holding the separator cannot make two keys alike. */
function keyOf(instanceId: string, unit: 'block' | 'span', number: number, kind: 'status' | 'tag' | 'state', value: string): string {
  return `${instanceId}|${unit}|${number}|${kind}|${value}`;
}

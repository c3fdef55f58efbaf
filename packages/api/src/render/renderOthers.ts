import { isEnrollmentEvent, publicEventData, type ApiKey, type ListedEvent } from '@flexroll/core';

/**
 * An event as listed: the envelope without the storage-only batch bookkeeping, its `data` as core's
 * `publicEventData` shows it — the same `data` its webhook body carries (an enrollment in seed 004's shape). A
 * workspace-level event (an endpoint disabled, a test event) has `enrollmentId` and `seq` null, as in its body.
 */
export function renderEvent(event: ListedEvent): Record<string, unknown> {
  if (!isEnrollmentEvent(event)) {
    const { id, type, occurredAt, actor, source, data } = event;
    return { id, type, enrollmentId: null, seq: null, occurredAt, actor, source, data };
  }
  const { id, type, enrollmentId, seq, occurredAt, actor, source } = event;
  return { id, type, enrollmentId, seq, occurredAt, actor, source, data: publicEventData(event) };
}

/** A key without its hash; the secret only when it was just created. */
export function renderApiKey(key: ApiKey, secret?: string): Record<string, unknown> {
  const { secretHash: _hash, workspaceId: _workspace, ...visible } = key;
  return secret === undefined ? visible : { ...visible, secret };
}

/** Any workspace-owned record without its workspace id (the caller's own, by construction). */
export function withoutWorkspace<T extends { workspaceId?: string }>(record: T): Omit<T, 'workspaceId'> {
  const { workspaceId: _workspace, ...rest } = record;
  return rest;
}

import type { ApiKey, EnrollmentEvent } from '@flexroll/core';

/** An event as listed: the envelope without the storage-only batch bookkeeping. */
export function renderEvent(event: EnrollmentEvent): Record<string, unknown> {
  const { id, type, enrollmentId, seq, occurredAt, actor, source, data } = event;
  return { id, type, enrollmentId, seq, occurredAt, actor, source, data };
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

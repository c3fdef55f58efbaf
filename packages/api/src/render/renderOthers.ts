import type { ApiKey, Enrollment, EnrollmentEvent } from '@flexroll/core';
import { renderEnrollment } from './renderEnrollment.js';

/**
 * An event as listed: the envelope without the storage-only batch bookkeeping. The enrollment that
 * `enrollment.created` and `enrollment.updated` carry is shown as the enrollment API shows it (seed 004's shape).
 */
export function renderEvent(event: EnrollmentEvent): Record<string, unknown> {
  const { id, type, enrollmentId, seq, occurredAt, actor, source } = event;
  return { id, type, enrollmentId, seq, occurredAt, actor, source, data: renderData(event) };
}

function renderData(event: EnrollmentEvent): unknown {
  if (event.type !== 'enrollment.created' && event.type !== 'enrollment.updated') return event.data;
  const enrollment = event.data.enrollment;
  if (enrollment === undefined) return event.data;
  return { ...event.data, enrollment: renderEnrollment({ ...enrollment, seq: event.seq } satisfies Enrollment) };
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

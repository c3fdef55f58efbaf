import { api } from './client';
import { ApiProblem, unwrap } from './ApiProblem';
import { en } from '../messages/en';
import type { operations } from './schema';

export type EnrollmentView = operations['getEnrollment']['responses'][200]['content']['application/json'];
export type BulkAction = 'approve' | 'reject' | 'unenroll' | 'evaluate';

/** A call as the member could make it with an API key: what the console shows beside each action. */
export interface CallShown {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

/** The `curl` of a call, against `$FLEXROLL_URL` with `$FLEXROLL_API_KEY` (the console itself uses the session). */
export function curlOf(call: CallShown): string {
  const lines = [`curl -X ${call.method} "$FLEXROLL_URL${call.path}"`, '  -H "Authorization: Bearer $FLEXROLL_API_KEY"'];
  if (call.body !== undefined) {
    lines.push('  -H "Content-Type: application/json"');
    lines.push(`  -d '${JSON.stringify(call.body).replace(/'/g, "'\\''")}'`);
  }
  return lines.join(' \\\n');
}

/** The status a move reaches, by seed 004's names. */
export const MOVE_TARGETS = { approve: 'approved', reject: 'rejected', unenroll: 'unenrolled' } as const;
/** The status each move starts from. */
export const MOVE_SOURCES = { approve: 'submitted', reject: 'submitted', unenroll: 'approved' } as const;

/** The PATCH that approves, rejects (with a reason) or unenrolls (with an exit reason) one enrollment. */
export function moveCall(enrollmentId: string, move: keyof typeof MOVE_TARGETS, reason?: string): CallShown {
  return { method: 'PATCH', path: `/enrollments/${enrollmentId}`, body: { status: MOVE_TARGETS[move], ...(reason ? { reason } : {}) } };
}

/** Approves, rejects or unenrolls one enrollment (with If-Match when the console read it: see client.ts). */
export async function moveEnrollment(enrollmentId: string, move: keyof typeof MOVE_TARGETS, reason?: string): Promise<EnrollmentView> {
  return unwrap(await api.PATCH('/enrollments/{enrollmentId}', {
    params: { path: { enrollmentId } },
    body: { status: MOVE_TARGETS[move], ...(reason ? { reason } : {}) },
  }));
}

/**
 * Approves or rejects an enrollment from the list: the list carries no ETag, so the enrollment is read first (which
 * gives its ETag for the move's If-Match) and, when its status is no longer the one the row showed, the move is not
 * sent and reads as "changed by someone else — reload". An ETag remembered from an earlier visit is never used here.
 */
export async function moveListedEnrollment(row: { readonly id: string; readonly eligibilityStatus: string }, move: keyof typeof MOVE_TARGETS, reason?: string): Promise<EnrollmentView> {
  const current = unwrap(await api.GET('/enrollments/{enrollmentId}', { params: { path: { enrollmentId: row.id } } }));
  if (current.eligibilityStatus !== row.eligibilityStatus) throw new ApiProblem(412, 'precondition_failed', en.app.changedElsewhere, undefined);
  return moveEnrollment(row.id, move, reason);
}

/**
 * Screening one enrollment again is the bulk `evaluate` job narrowed to its reference id (the API screens in jobs);
 * an enrollment without a reference id cannot be picked out that way.
 */
export function screenAgainCall(enrollment: EnrollmentView): CallShown | undefined {
  if (enrollment.referenceId === undefined) return undefined;
  return { method: 'POST', path: `/programInstances/${enrollment.programInstanceId}/bulk-actions`, body: { action: 'evaluate', where: { referenceIds: [enrollment.referenceId] } } };
}

export type JobView = operations['getJob']['responses'][200]['content']['application/json'];

/** Starts the screening job of {@link screenAgainCall}. */
export async function screenAgain(enrollment: EnrollmentView): Promise<JobView> {
  return unwrap(await api.POST('/programInstances/{instanceId}/bulk-actions', {
    params: { path: { instanceId: enrollment.programInstanceId } },
    body: { action: 'evaluate', where: { referenceIds: [enrollment.referenceId!] } },
  }));
}

/** A job as it is now. */
export async function readJob(jobId: string): Promise<JobView> {
  return unwrap(await api.GET('/jobs/{jobId}', { params: { path: { jobId } } }));
}

/** Whether a job has stopped (completed or failed). */
export function jobFinished(job: JobView): boolean {
  return job.status === 'completed' || job.status === 'failed';
}

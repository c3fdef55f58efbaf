import { allowedEnrollmentStatusMoves, IllegalTransitionError, type EnrollmentStatus } from '@flexroll/sdk';

/**
 * The shortest chain of legal status moves from one status to another (e.g. candidate → eligible → submitted when
 * a participation reaches AWAITING_REGISTRATION), so every step is recorded and checked. Throws when there is none.
 */
export function statusPath(from: EnrollmentStatus, to: EnrollmentStatus): EnrollmentStatus[] {
  if (from === to) return [];
  const cameFrom = new Map<EnrollmentStatus, EnrollmentStatus>();
  const queue: EnrollmentStatus[] = [from];
  while (queue.length > 0) {
    const status = queue.shift() as EnrollmentStatus;
    for (const next of allowedEnrollmentStatusMoves(status)) {
      if (next === from || cameFrom.has(next)) continue;
      cameFrom.set(next, status);
      if (next === to) return unwind(cameFrom, from, to);
      queue.push(next);
    }
  }
  throw new IllegalTransitionError('enrollment', from, to, allowedEnrollmentStatusMoves(from), 'no chain of legal moves leads there');
}

function unwind(cameFrom: ReadonlyMap<EnrollmentStatus, EnrollmentStatus>, from: EnrollmentStatus, to: EnrollmentStatus): EnrollmentStatus[] {
  const path: EnrollmentStatus[] = [];
  for (let status = to; status !== from; status = cameFrom.get(status) as EnrollmentStatus) path.unshift(status);
  return path;
}

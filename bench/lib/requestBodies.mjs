// Every request the server benchmark sends that depends on what the API accepts, in one place. The participation
// semantics (seed 002's submission in particular) are being changed: when they are, this is the file to edit.
import { SUZIE_CUSTOMER_INFO } from '@flexroll/core/testing';

/**
 * The two bodies each write case alternates on one participation. Index 0 is sent to an ACTIVE participation and
 * leaves it SUSPENDED; index 1 is sent to a SUSPENDED one and leaves it ACTIVE (see {@link bodyIndexFor}).
 */
export const WRITE_BODIES = {
  /** POST /vpp-participations/{id}/triggers (DESIGN §2b). */
  trigger: [
    { trigger: 'suspension_raised', suspension_reason: 'OPERATOR_REQUEST' },
    { trigger: 'suspension_cleared', suspension_reason: 'OPERATOR_REQUEST' },
  ],
  /**
   * POST /vpp-participations/{id}, seed 002's submission: suspended for an operator's pause, then back to ACTIVE
   * with seed 002's bare `{"state":"ACTIVE"}` (a submission states the full state: ACTIVE clears every reason).
   */
  submission: [
    { participation_state: [{ state: 'SUSPENDED', suspension_reasons: ['OPERATOR_REQUEST'] }] },
    { participation_state: [{ state: 'ACTIVE' }] },
  ],
};

/** Which of a write case's bodies a participation in `state` takes next (ACTIVE: raise; SUSPENDED: clear). */
export function bodyIndexFor(state) {
  const index = { ACTIVE: 0, SUSPENDED: 1 }[state];
  if (index === undefined) throw new Error(`a benchmark participation is ${state}, neither ACTIVE nor SUSPENDED`);
  return index;
}

/** Seed 004's Suzie by customerInfo, with a device of her own (device claims are unique per serial number). */
export function enrollmentBody(serialNumber) {
  return { ...SUZIE_CUSTOMER_INFO, serialNumber };
}

/** Seed 000's happy path to ACTIVE through the API, as the black-box journey test takes it: 13 events after creation. */
export function pathToActive(enrollmentId, participationId) {
  const participation = `/vpp-participations/${participationId}`;
  return [
    ['POST', `${participation}/triggers`, { trigger: 'consent_requested' }],
    ['POST', `${participation}/consent`, { terms_version: '2025-01' }],
    ['POST', `${participation}/telemetry`, {}],
    ['POST', `${participation}/triggers`, { trigger: 'control_confirmed' }],
    ['PATCH', `/enrollments/${enrollmentId}`, { status: 'eligible', reason: 'In service territory' }],
    ['PATCH', `/enrollments/${enrollmentId}`, { status: 'approved' }],
    ['POST', `${participation}/triggers`, { trigger: 'device_live' }],
  ];
}

/**
 * The requests that raise and clear OPERATOR_REQUEST `pairs` times on an ACTIVE participation: trigger calls, one
 * event each. (Seed 002 submissions cannot do it: a submission states where the participation stands and is
 * reconciled from the last entry it already matches, so twenty alternating entries are no change at all.)
 */
export function lengtheningRequests(pairs) {
  return Array.from({ length: 2 * pairs }, (_, n) => WRITE_BODIES.trigger[n % 2]);
}

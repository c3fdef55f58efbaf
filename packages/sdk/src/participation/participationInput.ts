import { expectOneOf } from '../validation/expectOneOf.js';
import { expectArray, expectOptionalBoolean, expectRecord } from '../validation/expectShape.js';
import { fieldError } from '../validation/fieldError.js';
import type { ParticipationSnapshot, TriggerContext } from './ParticipationSnapshot.js';
import { PARTICIPATION_STATES, type ParticipationState } from './states.js';
import { SUSPENSION_REASONS, type SuspensionReason } from './suspensionReasons.js';

/**
 * Runtime checks for the participation machine's inputs (callers may be JavaScript). Each throws an InputError
 * naming the field (`/state`, `/suspensionReasons/1`, `/reason`, …). Internal to the SDK.
 */

/** Reads one participation state. @example readParticipationState('ACTIVE') // 'ACTIVE' */
export function readParticipationState(value: unknown, field = '/state'): ParticipationState {
  return expectOneOf(value, PARTICIPATION_STATES, field);
}

/** Reads a list of suspension reasons: known, no repeats; returned in SUSPENSION_REASONS order. @example readSuspensionReasons(['CUSTOMER_REQUEST', 'AWAITING_TELEMETRY'], '/suspensionReasons') // ['AWAITING_TELEMETRY', 'CUSTOMER_REQUEST'] */
export function readSuspensionReasons(value: unknown, field: string): SuspensionReason[] {
  const reasons = expectArray(value, field).map((reason, index) => expectOneOf(reason, SUSPENSION_REASONS, `${field}/${index}`));
  const repeated = reasons.find((reason, index) => reasons.indexOf(reason) !== index);
  if (repeated !== undefined) throw fieldError(field, 'unique', `must not list ${repeated} twice.`);
  return SUSPENSION_REASONS.filter((reason) => reasons.includes(reason));
}

/** Reads a snapshot: a known state and reasons that are non-empty exactly in SUSPENDED. @example readParticipationSnapshot({ state: 'ACTIVE', suspensionReasons: [] }) */
export function readParticipationSnapshot(value: unknown): ParticipationSnapshot {
  const record = expectRecord(value, '/snapshot');
  const state = readParticipationState(record.state, '/state');
  const suspensionReasons = readSuspensionReasons(record.suspensionReasons, '/suspensionReasons');
  if (state === 'SUSPENDED' && suspensionReasons.length === 0) {
    throw fieldError('/suspensionReasons', 'required_when_suspended', 'must list at least one reason when the state is SUSPENDED.');
  }
  if (state !== 'SUSPENDED' && suspensionReasons.length > 0) {
    throw fieldError('/suspensionReasons', 'empty_unless_suspended', `must be empty when the state is ${state}; reasons apply only in SUSPENDED.`);
  }
  return Object.freeze({ state, suspensionReasons: Object.freeze(suspensionReasons) });
}

/** Reads an optional trigger context; `reason`, when present, must be a known suspension reason. @example readTriggerContext({ reason: 'OPERATOR_REQUEST' }) */
export function readTriggerContext(value: unknown): TriggerContext {
  if (value === undefined) return {};
  const record = expectRecord(value, '/context');
  const reason = record.reason === undefined ? undefined : expectOneOf(record.reason, SUSPENSION_REASONS, '/reason');
  const meterAccessRequired = expectOptionalBoolean(record.meterAccessRequired, '/meterAccessRequired');
  const meterAccessAvailable = expectOptionalBoolean(record.meterAccessAvailable, '/meterAccessAvailable');
  return { reason, meterAccessRequired, meterAccessAvailable };
}

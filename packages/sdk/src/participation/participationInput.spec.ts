import { expect } from 'chai';
import { expectInputError } from '../test-support/expectInputError.js';
import { acceptedParticipationTriggers } from './acceptedParticipationTriggers.js';
import { applyParticipationTrigger } from './applyParticipationTrigger.js';
import { findTriggerToState } from './findTriggerToState.js';
import { isControlActive } from './isControlActive.js';
import { isTelemetryActive } from './isTelemetryActive.js';
import { isTerminalState } from './isTerminalState.js';
import type { ParticipationSnapshot, TriggerContext } from './ParticipationSnapshot.js';

/** Values a JavaScript caller might send; the casts are the point. */
const as = <T>(value: unknown): T => value as T;
const active: ParticipationSnapshot = { state: 'ACTIVE', suspensionReasons: [] };

describe('the participation machine’s input checks', () => {
  describe(applyParticipationTrigger.name, () => {
    it('when called with an unknown state, names /state and lists the states', () => {
      const error = expectInputError(() => applyParticipationTrigger(as({ state: 'DISPATCHING', suspensionReasons: [] }), 'device_live'), '/state', 'one_of');
      expect(error.message).to.include('ENROLMENT_REQUESTED, AWAITING_CONSENT');
    });
    it('when called with a number for the state, names /state', () => {
      expectInputError(() => applyParticipationTrigger(as({ state: 3, suspensionReasons: [] }), 'device_live'), '/state', 'one_of');
    });
    it('when called with no snapshot, names /snapshot', () => {
      expectInputError(() => applyParticipationTrigger(as(undefined), 'device_live'), '/snapshot', 'required');
    });
    it('when called without suspension reasons, names /suspensionReasons', () => {
      expectInputError(() => applyParticipationTrigger(as({ state: 'ACTIVE' }), 'leave_requested'), '/suspensionReasons', 'required');
    });
    it('when called with an unknown reason in the snapshot, names its index', () => {
      expectInputError(() => applyParticipationTrigger(as({ state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST', 'WEATHER'] }), 'leave_requested'), '/suspensionReasons/1', 'one_of');
    });
    it('when called with a reason listed twice, names /suspensionReasons', () => {
      expectInputError(() => applyParticipationTrigger(as({ state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST', 'OPERATOR_REQUEST'] }), 'leave_requested'), '/suspensionReasons', 'unique');
    });
    it('when called with SUSPENDED and no reasons, or reasons outside SUSPENDED, names /suspensionReasons', () => {
      expectInputError(() => applyParticipationTrigger({ state: 'SUSPENDED', suspensionReasons: [] }, 'leave_requested'), '/suspensionReasons', 'required_when_suspended');
      expectInputError(() => applyParticipationTrigger({ state: 'ACTIVE', suspensionReasons: ['OPERATOR_REQUEST'] }, 'leave_requested'), '/suspensionReasons', 'empty_unless_suspended');
    });
    it('when called with an unknown trigger or a number, names /trigger', () => {
      expectInputError(() => applyParticipationTrigger(active, as('pause')), '/trigger', 'one_of');
      expectInputError(() => applyParticipationTrigger(active, as(7)), '/trigger', 'one_of');
    });
    it('when called with a suspension trigger and no reason, names /reason', () => {
      expectInputError(() => applyParticipationTrigger(active, 'suspension_raised'), '/reason', 'required');
      expectInputError(() => applyParticipationTrigger({ state: 'SUSPENDED', suspensionReasons: ['OPERATOR_REQUEST'] }, 'suspension_cleared', {}), '/reason', 'required');
    });
    it('when called with an unknown reason, names /reason', () => {
      expectInputError(() => applyParticipationTrigger(active, 'suspension_raised', as<TriggerContext>({ reason: 'WEATHER' })), '/reason', 'one_of');
      expectInputError(() => applyParticipationTrigger(active, 'suspension_raised', as<TriggerContext>({ reason: 1 })), '/reason', 'one_of');
    });
    it('when called with a reason for a trigger that takes none, names /reason', () => {
      expectInputError(() => applyParticipationTrigger(active, 'leave_requested', { reason: 'CUSTOMER_REQUEST' }), '/reason', 'not_allowed');
    });
    it('when called with ill-typed meter flags or context, names them', () => {
      const awaiting: ParticipationSnapshot = { state: 'AWAITING_TELEMETRY', suspensionReasons: [] };
      expectInputError(() => applyParticipationTrigger(awaiting, 'telemetry_received', as<TriggerContext>({ meterAccessRequired: 'yes' })), '/meterAccessRequired', 'type');
      expectInputError(() => applyParticipationTrigger(awaiting, 'telemetry_received', as<TriggerContext>({ meterAccessAvailable: 0 })), '/meterAccessAvailable', 'type');
      expectInputError(() => applyParticipationTrigger(awaiting, 'telemetry_received', as<TriggerContext>('meter')), '/context', 'type');
    });
  });

  describe(acceptedParticipationTriggers.name, () => {
    it('when called with an unknown state, names /state', () => {
      expectInputError(() => acceptedParticipationTriggers(as({ state: 'LIVE', suspensionReasons: [] })), '/state');
    });
  });

  describe(findTriggerToState.name, () => {
    it('when called with an unknown target, names /target', () => {
      expectInputError(() => findTriggerToState(active, as('DISPATCHING')), '/target', 'one_of');
    });
    it('when called with an unknown state, names /state', () => {
      expectInputError(() => findTriggerToState(as({ state: null, suspensionReasons: [] }), 'ACTIVE'), '/state');
    });
  });

  describe('the derived fields', () => {
    it('when isControlActive or isTerminalState is called with an unknown state, names /state', () => {
      expectInputError(() => isControlActive(as('LIVE')), '/state', 'one_of');
      expectInputError(() => isTerminalState(as(42)), '/state', 'one_of');
    });
    it('when isTelemetryActive is called with a malformed time, names /lastTelemetryAt', () => {
      expectInputError(() => isTelemetryActive('yesterday', new Date()), '/lastTelemetryAt', 'date_time');
      expectInputError(() => isTelemetryActive(as(1699335116000), new Date()), '/lastTelemetryAt', 'date_time');
      expectInputError(() => isTelemetryActive(new Date('nonsense'), new Date()), '/lastTelemetryAt', 'date_time');
    });
    it('when isTelemetryActive is called with a bad now or threshold, names them', () => {
      expectInputError(() => isTelemetryActive(null, as(undefined)), '/now', 'required');
      expectInputError(() => isTelemetryActive(null, new Date(), -1), '/thresholdMs', 'minimum');
      expectInputError(() => isTelemetryActive(null, new Date(), as('24h')), '/thresholdMs', 'type');
    });
  });
});

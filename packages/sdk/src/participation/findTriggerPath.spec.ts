import { expect } from 'chai';
import { applyParticipationTrigger } from './applyParticipationTrigger.js';
import { findTriggerPath } from './findTriggerPath.js';
import { PARTICIPATION_STATES, type ParticipationState } from './states.js';

const at = (state: ParticipationState) => ({ state, suspensionReasons: state === 'SUSPENDED' ? (['OPERATOR_REQUEST'] as const) : [] });

describe(findTriggerPath.name, () => {
  it('finds the shortest chain of legal triggers, without suspension triggers', () => {
    expect(findTriggerPath(at('ACTIVE'), 'OFFBOARDED')).to.deep.equal(['leave_requested', 'notice_served', 'wind_down_completed', 'offboarded']);
    expect(findTriggerPath(at('AWAITING_TELEMETRY'), 'AWAITING_ELIGIBILITY')).to.deep.equal(['telemetry_received', 'control_confirmed']);
    expect(findTriggerPath(at('AWAITING_TELEMETRY'), 'AWAITING_ELIGIBILITY', { meterAccessRequired: true })).to.deep.equal(['telemetry_received', 'meter_access_granted', 'control_confirmed']);
    expect(findTriggerPath(at('ACTIVE'), 'ACTIVE')).to.deep.equal([]);
  });

  it('uses failed only to reach FAILED, and finds nothing where no chain leads', () => {
    expect(findTriggerPath(at('AWAITING_CONSENT'), 'FAILED')).to.deep.equal(['failed']);
    expect(findTriggerPath(at('AWAITING_REGISTRATION'), 'AWAITING_CONSENT')).to.equal(undefined);
    expect(findTriggerPath(at('ACTIVE'), 'SUSPENDED'), 'a suspension needs its reason').to.equal(undefined);
  });

  it('gives, from every state to every state, a chain that the machine accepts step by step', () => {
    for (const from of PARTICIPATION_STATES) {
      for (const to of PARTICIPATION_STATES) {
        const path = findTriggerPath(at(from), to);
        if (path === undefined) continue;
        const reached = path.reduce((snapshot, trigger) => applyParticipationTrigger(snapshot, trigger), at(from) as ReturnType<typeof applyParticipationTrigger>);
        expect(reached.state, `${from} → ${to} by ${path.join(', ')}`).to.equal(to);
      }
    }
  });
});

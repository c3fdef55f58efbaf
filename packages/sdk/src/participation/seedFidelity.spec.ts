import { expect } from 'chai';
import { readFixture } from '../test-support/paths.js';
import { inlineList, optionsAfter } from '../test-support/seedLists.js';
import { seedTables } from '../test-support/seedTables.js';
import { PARTICIPATION_STATE_DEFINITIONS, PARTICIPATION_STATES, type ParticipationPhase, type ParticipationState } from './states.js';
import { SUSPENSION_REASON_DEFINITIONS, SUSPENSION_REASONS, type SuspensionReason } from './suspensionReasons.js';
import { FAILABLE_STATES, PARTICIPATION_TRANSITIONS } from './transitions.js';
import { V2_PARTICIPATION_STATES } from './vocabulary.js';

const seed000 = readFixture('seed-000-participation-lifecycle.txt');
const PHASES: readonly ParticipationPhase[] = ['Enrolment', 'Participation', 'Unenrolment'];

describe('the participation machine, read against seed 000', () => {
  describe('having the seed’s state tables', () => {
    const tables = seedTables(seed000, ['State', 'Kind', 'Description', 'Customer-facing message']);

    it('when compared with PARTICIPATION_STATE_DEFINITIONS, matches every phase, kind, description and message character for character', () => {
      expect(tables.map((table) => table.rows.length)).to.deep.equal([9, 2, 4]);
      tables.forEach((table, index) => {
        for (const [state, kind, description, message] of table.rows) {
          const definition = PARTICIPATION_STATE_DEFINITIONS[state as ParticipationState];
          expect(definition, state).to.not.equal(undefined);
          expect(definition).to.deep.equal({ state, phase: PHASES[index], kind, description, customerMessage: message });
        }
      });
    });

    it('when listed in order, gives PARTICIPATION_STATES without FAILED, which only the transition table names', () => {
      const seedStates = tables.flatMap((table) => table.rows.map((row) => row[0]));
      expect([...seedStates, 'FAILED']).to.deep.equal([...PARTICIPATION_STATES]);
      expect(PARTICIPATION_STATE_DEFINITIONS.FAILED.kind).to.equal('Terminal');
    });
  });

  describe('having the seed’s suspension reason tables', () => {
    it('when compared with SUSPENSION_REASON_DEFINITIONS, matches when, recovers and message character for character', () => {
      const [table] = seedTables(seed000, ['Reason', 'When', 'Recovers', 'Customer-facing message']);
      expect(table?.rows.map((row) => row[0])).to.deep.equal([...SUSPENSION_REASONS]);
      for (const [reason, when, recovers, message] of table?.rows ?? []) {
        expect(SUSPENSION_REASON_DEFINITIONS[reason as SuspensionReason]).to.deep.equal({ reason, when, recovers, customerMessage: message });
      }
    });

    it('when the raised/cleared table is read, lists the same reasons in the same order', () => {
      const [table] = seedTables(seed000, ['Reason', 'Raised when', 'Cleared when']);
      expect(table?.rows.map((row) => row[0])).to.deep.equal([...SUSPENSION_REASONS]);
    });
  });

  describe('having the seed’s transition tables', () => {
    const rows = seedTables(seed000, ['From', 'Trigger / condition', 'To']).flatMap((table) => table.rows);

    it('when each row is looked up in PARTICIPATION_TRANSITIONS, finds it with the same condition, target and note', () => {
      expect(rows).to.have.length(21);
      for (const [from, condition, to] of rows) {
        const [, target, note] = /^([A-Z_]+)(?: \((.+)\))?$/.exec(to ?? '') ?? [];
        const sources: readonly string[] = from === 'any enrolment state' ? FAILABLE_STATES : [from ?? ''];
        for (const source of sources) {
          const match = PARTICIPATION_TRANSITIONS.filter((t) => t.from === source && t.condition === condition && t.to === target);
          expect(match, `${source} | ${condition} | ${to}`).to.have.length(1);
          expect(match[0]?.effect).to.equal(note);
        }
      }
    });

    it('when PARTICIPATION_TRANSITIONS is counted, has nothing the seed lacks', () => {
      const expanded = rows.reduce((count, [from]) => count + (from === 'any enrolment state' ? FAILABLE_STATES.length : 1), 0);
      expect(PARTICIPATION_TRANSITIONS).to.have.length(expanded);
    });

    it('when “any enrolment state” is expanded, covers every non-terminal Enrolment state', () => {
      const enrolment = PARTICIPATION_STATES.filter((state) => PARTICIPATION_STATE_DEFINITIONS[state].phase === 'Enrolment' && PARTICIPATION_STATE_DEFINITIONS[state].kind !== 'Terminal');
      expect([...FAILABLE_STATES]).to.deep.equal(enrolment);
    });
  });
});

describe('the participation enums, read against seeds 001 and 002', () => {
  it('having seed 001’s current_state options, when compared, equals PARTICIPATION_STATES in order', () => {
    expect(optionsAfter(readFixture('seed-001-vpp-participation.txt'), 'current_state')).to.deep.equal([...PARTICIPATION_STATES]);
  });
  it('having seed 001’s suspension_reasons options, when compared, equals SUSPENSION_REASONS in order', () => {
    expect(optionsAfter(readFixture('seed-001-vpp-participation.txt'), 'suspension_reasons')).to.deep.equal([...SUSPENSION_REASONS]);
  });
  it('having seed 002’s state list, when compared, equals V2_PARTICIPATION_STATES in order', () => {
    expect(inlineList(readFixture('seed-002-participation-update.txt'), 'ENROLMENT_REQUESTED', 'FAILED')).to.deep.equal([...V2_PARTICIPATION_STATES]);
  });
});

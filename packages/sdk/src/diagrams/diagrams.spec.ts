import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENROLLMENT_STATUS_MOVES } from '../enrollment/moves.js';
import { PARTICIPATION_STATE_DEFINITIONS, PARTICIPATION_STATES, type ParticipationState } from '../participation/states.js';
import { PARTICIPATION_TRANSITIONS } from '../participation/transitions.js';
import { repoRoot } from '../test-support/paths.js';
import { diagramFiles } from './diagramFiles.js';
import { enrollmentStatusDiagram } from './enrollmentStatusDiagram.js';
import { participationStateDiagram } from './participationStateDiagram.js';

const STALE = 'The committed diagrams are out of date: run npm run diagrams and commit docs/diagrams.';

describe(participationStateDiagram.name, () => {
  it('when called, gives Mermaid stateDiagram-v2 text entering at ENROLMENT_REQUESTED and leaving from each terminal state', () => {
    const lines = participationStateDiagram().split('\n');
    expect(lines[0]).to.equal('stateDiagram-v2');
    expect(lines.filter((line) => line.includes('[*] -->')).map((line) => line.trim())).to.deep.equal(['[*] --> ENROLMENT_REQUESTED']);
    const terminal = PARTICIPATION_STATES.filter((state) => PARTICIPATION_STATE_DEFINITIONS[state].kind === 'Terminal');
    expect(terminal, 'the machine has terminal states').to.have.length.above(0);
    expect(lines.filter((line) => line.endsWith(' --> [*]')).map((line) => line.trim())).to.deep.equal(terminal.map((state) => `${state} --> [*]`));
  });
  it('when called, puts every state in exactly one class, the one of its kind', () => {
    const classed = participationStateDiagram().split('\n').filter((line) => line.startsWith('    class '))
      .flatMap((line) => { const [, states = '', kind = ''] = line.trim().split(' '); return states.split(',').map((state) => [state, kind] as const); });
    expect(classed.map(([state]) => state)).to.have.members([...PARTICIPATION_STATES]);
    for (const [state, kind] of classed) expect(kind, state).to.equal(PARTICIPATION_STATE_DEFINITIONS[state as ParticipationState].kind.toLowerCase());
  });
  it('when called, draws one edge per row of PARTICIPATION_TRANSITIONS, labelled with its trigger', () => {
    const edges = participationStateDiagram().split('\n').filter((line) => / --> [A-Z_]+ : /.test(line));
    expect(edges).to.have.length(PARTICIPATION_TRANSITIONS.length);
    PARTICIPATION_TRANSITIONS.forEach((transition, index) => {
      expect(edges[index]?.trim().startsWith(`${transition.from} --> ${transition.to} : ${transition.trigger}`)).to.equal(true);
    });
  });
  it('when called, uses no character that ends a Mermaid label early', () => {
    for (const line of participationStateDiagram().split('\n').filter((l) => l.includes(' : '))) {
      expect(line.split(' : ')[1], line).to.not.match(/[:;#{}]/);
    }
  });
});

describe(enrollmentStatusDiagram.name, () => {
  it('when called, draws every move and marks the criteria-change moves', () => {
    const text = enrollmentStatusDiagram();
    for (const move of ENROLLMENT_STATUS_MOVES) {
      expect(text).to.include(`    ${move.from} --> ${move.to}${move.requiresCriteriaChange ? ' : criteria changed' : ''}\n`);
    }
    expect(text).to.include('class ineligible,rejected,unenrolled terminal');
  });
});

describe('the committed diagrams in docs/diagrams', () => {
  const directory = join(repoRoot(), 'docs', 'diagrams');
  for (const [name, content] of Object.entries(diagramFiles())) {
    it(`having ${name} committed, when regenerated, is unchanged (else run npm run diagrams)`, () => {
      const path = join(directory, name);
      expect(existsSync(path), `${path} is missing. ${STALE}`).to.equal(true);
      expect(readFileSync(path, 'utf8') === content, `${path} differs from the code. ${STALE}`).to.equal(true);
    });
  }
  it('having docs/state-machines.md, when read, embeds both generated diagrams verbatim (else copy them from docs/diagrams)', () => {
    const doc = readFileSync(join(repoRoot(), 'docs', 'state-machines.md'), 'utf8');
    expect(doc.includes(`\`\`\`mermaid\n${participationStateDiagram()}\`\`\``), `participation diagram. ${STALE}`).to.equal(true);
    expect(doc.includes(`\`\`\`mermaid\n${enrollmentStatusDiagram()}\`\`\``), `enrollment diagram. ${STALE}`).to.equal(true);
  });
});

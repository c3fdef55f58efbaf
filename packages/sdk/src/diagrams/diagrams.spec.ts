import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENROLLMENT_STATUS_MOVES } from '../enrollment/moves.js';
import { PARTICIPATION_TRANSITIONS } from '../participation/transitions.js';
import { repoRoot } from '../test-support/paths.js';
import { diagramFiles } from './diagramFiles.js';
import { enrollmentStatusDiagram } from './enrollmentStatusDiagram.js';
import { participationStateDiagram } from './participationStateDiagram.js';

const STALE = 'The committed diagrams are out of date: run npm run diagrams and commit docs/diagrams.';

describe(participationStateDiagram.name, () => {
  it('when called twice, gives the same Mermaid stateDiagram-v2 text', () => {
    expect(participationStateDiagram()).to.equal(participationStateDiagram());
    expect(participationStateDiagram().startsWith('stateDiagram-v2\n')).to.equal(true);
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

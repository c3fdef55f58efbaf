import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findStateLists } from '../test-support/findStateLists.js';
import { repoRoot } from '../test-support/paths.js';
import { PARTICIPATION_STATES } from './states.js';

const STATE_NAMES: ReadonlySet<string> = new Set(PARTICIPATION_STATES);

/**
 * Where lists of state names are the definition itself: seed 000's states, and seed 002's vocabulary (its own enum,
 * which shares most names). Everything else derives its groups (stateGroups.ts).
 */
const DEFINITIONS = new Set(['packages/sdk/src/participation/states.ts', 'packages/sdk/src/participation/vocabulary.ts']);

/** Test helpers spell expected values on purpose, so that they can fail; the product build leaves these folders out. */
const TEST_FOLDERS = new Set(['testing', 'test-support', 'specs']);

function productSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return TEST_FOLDERS.has(entry.name) ? [] : productSources(full);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name) && !/\.spec\.|\.d\.ts$/.test(entry.name) ? [full] : [];
  });
}

function sourceRoots(root: string): string[] {
  return ['packages', 'plugins'].flatMap((group) =>
    readdirSync(join(root, group), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(root, group, entry.name, 'src')),
  );
}

describe('participation state lists', () => {
  describe(findStateLists.name, () => {
    const lines = (source: string) => findStateLists(source, 'sample.ts', STATE_NAMES).map((list) => list.line);

    it('when a source spells three state names in an array, a Set, a union type, a call, a comparison chain or shared case labels, reports each by line', () => {
      const source = [
        "const a = ['ACTIVE', 'SUSPENDED', 'WINDING_DOWN'];",
        "const b = new Set([`ACTIVE`, 'SUSPENDED',\n  'FAILED']);",
        "type C = 'ACTIVE' | 'SUSPENDED' | 'UNENROLLED';",
        "pick('ACTIVE', 'SUSPENDED', 'OFFBOARDED');",
        "const d = s === 'ACTIVE' || (s === 'SUSPENDED' || s === 'REGISTERED');",
        "switch (s) { case 'ACTIVE': case 'SUSPENDED': case 'INELIGIBLE': break; default: }",
      ].join('\n');
      expect(lines(source)).to.deep.equal([1, 2, 4, 5, 6, 7]);
    });

    it('when a list names two states, other words, or states only in comments and identifiers, reports nothing', () => {
      const source = [
        "const a = ['ACTIVE', 'SUSPENDED'];",
        "const b = ['ACTIVE', 'SUSPENDED', 'OPERATOR_REQUEST'];",
        "// ['ACTIVE', 'SUSPENDED', 'WINDING_DOWN']",
        "const c = statesBetween('AWAITING_ELIGIBILITY', 'WINDING_DOWN');",
        "switch (s) { case 'ACTIVE': x(); case 'SUSPENDED': y(); case 'FAILED': z(); }",
        "const d = s === 'ACTIVE' || s === 'SUSPENDED' || s === 'ACTIVE';",
      ].join('\n');
      expect(lines(source)).to.deep.equal([]);
    });
  });

  describe('having the product sources of packages/*/src and plugins/*/src', () => {
    const root = repoRoot();
    const files = sourceRoots(root).flatMap((dir) => {
      try {
        return productSources(dir);
      } catch {
        return []; // a package without src/
      }
    });

    it('finds the sources to check, the definitions among them', () => {
      const names = files.map((file) => relative(root, file).split('\\').join('/'));
      expect(names).to.include.members([...DEFINITIONS, 'plugins/kraken/src/manifest.ts', 'packages/core/src/participation/sweeps/SweepService.ts']);
    });

    it('when read outside the state definitions, spell no list of three or more participation states (derive it from stateGroups.ts)', () => {
      const spelled = files.flatMap((file) => {
        const path = relative(root, file).split('\\').join('/');
        if (DEFINITIONS.has(path)) return [];
        return findStateLists(readFileSync(file, 'utf8'), file, STATE_NAMES).map((list) => `${path}:${list.line} ${list.names.join(', ')}`);
      });
      expect(spelled, `hand-written state lists:\n${spelled.join('\n')}`).to.deep.equal([]);
    });
  });
});

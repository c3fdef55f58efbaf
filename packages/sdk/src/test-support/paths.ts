import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Test support, not part of the SDK's exports: finds folders by walking up from this file, so specs work the same
 * from `src/` or `dist/` and from any working directory.
 */

const here = dirname(fileURLToPath(import.meta.url));

/** The nearest folder at or above `start` that holds `marker`. @example findUp(here, 'lerna.json') */
export function findUp(start: string, marker: string): string {
  let directory = start;
  for (;;) {
    if (existsSync(join(directory, marker))) return directory;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`No folder above ${start} holds ${marker}.`);
    directory = parent;
  }
}

/** The monorepo root: the folder holding lerna.json. */
export function repoRoot(): string {
  return findUp(here, 'lerna.json');
}

/** Reads a seed copy from packages/sdk/test-fixtures. @example readFixture('seed-000-participation-lifecycle.txt') */
export function readFixture(name: string): string {
  return readFileSync(join(findUp(here, 'test-fixtures'), 'test-fixtures', name), 'utf8');
}

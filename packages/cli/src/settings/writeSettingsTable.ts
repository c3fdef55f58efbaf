import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withSettingsTable } from './settingsTable.js';

/**
 * Rewrites the settings table of the README at `path` from the schema; true when it changed. Run as a CLI:
 * `node packages/cli/dist/settings/writeSettingsTable.js README.md` (`npm run docs:settings`).
 */
export async function writeSettingsTable(path: string): Promise<boolean> {
  const before = await readFile(path, 'utf8');
  const after = withSettingsTable(before);
  if (after !== before) await writeFile(path, after, 'utf8');
  return after !== before;
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(resolve(invokedPath)).href) {
  const path = process.argv[2] ?? 'README.md';
  writeSettingsTable(path).then(
    (changed) => process.stdout.write(`${changed ? 'rewrote' : 'unchanged:'} the settings table of ${path}\n`),
    (error: unknown) => {
      process.stderr.write(`could not write the settings table of ${path}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SETTINGS } from './settingsSchema.js';
import { settingsTable, TABLE_END, TABLE_START, withSettingsTable } from './settingsTable.js';

const STALE = 'README.md\'s settings table differs from the settings schema: run npm run docs:settings and commit README.md.';

/** The monorepo root (the folder holding lerna.json), from wherever this spec was compiled to. */
function repoRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'lerna.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('No folder above this spec holds lerna.json.');
    directory = parent;
  }
  return directory;
}

describe(settingsTable.name, () => {
  it('when called, gives one row per setting, naming its variables and its default', () => {
    const rows = settingsTable().split('\n').slice(2);
    expect(rows).to.have.length(SETTINGS.length);
    expect(rows[0]).to.equal('| `FLEXROLL_PORT` (or `PORT`) | `3000` | the port to listen on (`--port` overrides it) |');
    expect(rows).to.include('| `MONGODB_URI` | (none) | the MongoDB store; without it, the embedded store |');
    expect(rows).to.include('| `FLEXROLL_ADAPTERS` | `@flexroll/plugin-manual` | the adapter packages or paths to load, comma-separated |');
  });

  it('having a README without the table’s markers, refuses to guess where it goes', () => {
    expect(() => withSettingsTable('# Flexroll\n')).to.throw(TABLE_START);
  });
});

describe('the settings table in README.md', () => {
  it('when regenerated from the schema, is unchanged (else run npm run docs:settings)', () => {
    const readme = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
    expect(readme, 'README.md has the generated table’s markers').to.include(TABLE_START).and.include(TABLE_END);
    expect(readme === withSettingsTable(readme), STALE).to.equal(true);
  });
});

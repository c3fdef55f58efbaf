import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_TYPES } from '../../enrollments/index.js';
import { DELIVERED_EVENT_TYPES } from './webhookEventTypes.js';
import { WEBHOOK_DATA_SCHEMAS } from './webhookPayloadSchemas.js';

/** docs/webhooks.md, found from wherever this spec was compiled to. */
function webhooksDoc(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'lerna.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('No folder above this spec holds lerna.json.');
    directory = parent;
  }
  return readFileSync(join(directory, 'docs', 'webhooks.md'), 'utf8');
}

/** The event-type table's rows (between its markers): type, level and the `data` column. */
function eventTypeRows(doc: string): { type: string; level: string; data: string }[] {
  const table = /<!-- event-types -->\n([\s\S]*?)<!-- \/event-types -->/.exec(doc);
  expect(table, 'docs/webhooks.md has its <!-- event-types --> table').to.not.equal(null);
  return table![1]!
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [type, level, data] = line.split(' | ').map((cell) => cell.replace(/^\|\s*/, '').trim());
      return { type: type!.replaceAll('`', ''), level: level!, data: data! };
    });
}

describe('docs/webhooks.md', () => {
  const rows = eventTypeRows(webhooksDoc());

  it('lists every event type the platform delivers, once, as DELIVERED_EVENT_TYPES defines them', () => {
    expect(rows.map((row) => row.type)).to.have.members([...DELIVERED_EVENT_TYPES]).and.have.length(DELIVERED_EVENT_TYPES.length);
  });

  it('says which types are workspace-level: those in no enrollment’s log', () => {
    const enrollmentTypes: readonly string[] = EVENT_TYPES;
    for (const { type, level } of rows) expect(level, type).to.equal(enrollmentTypes.includes(type) ? 'enrollment' : 'workspace');
  });

  it('names, for each type, the required fields of its data schema', () => {
    for (const { type, data } of rows) {
      const { required = [] } = (WEBHOOK_DATA_SCHEMAS as Readonly<Record<string, { required?: readonly string[] }>>)[type]!;
      for (const field of required) expect(data, `${type} names ${field}`).to.match(new RegExp(`\\b${field}\\b`));
    }
    expect(rows.find((row) => row.type === 'enrollment.updated')!.data, 'enrollment.updated carries the enrollment').to.include('enrollment }');
  });
});

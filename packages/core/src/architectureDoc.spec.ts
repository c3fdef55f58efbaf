import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORE_TOKENS, EVENT_TYPES, STORE_TOKENS, WEBHOOK_EVENT_TYPES } from './index.js';

/** docs/architecture.md, found from wherever this spec was compiled to. */
function architectureDoc(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'lerna.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('No folder above this spec holds lerna.json.');
    directory = parent;
  }
  return readFileSync(join(directory, 'docs', 'architecture.md'), 'utf8').replace(/\s+/g, ' ');
}

/** The `code` names in the doc's text from `from` up to the first `until` after it. */
function namesBetween(doc: string, from: string, until: string): string[] {
  const start = doc.indexOf(from);
  expect(start, `docs/architecture.md no longer says '${from}'`).to.be.at.least(0);
  const end = doc.indexOf(until, start + from.length);
  expect(end, `docs/architecture.md: nothing ends '${from}' with '${until}'`).to.be.above(start);
  return [...doc.slice(start + from.length, end).matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
}

describe('docs/architecture.md', () => {
  const doc = architectureDoc();

  it('lists the event types an enrollment’s log holds, as EVENT_TYPES defines them', () => {
    const listed = namesBetween(doc, 'The event types (`EVENT_TYPES`) are', '. ');
    expect(listed, 'the event types in docs/architecture.md ("The event types (`EVENT_TYPES`) are …")').to.have.members([...EVENT_TYPES]);
    expect(listed).to.have.length(EVENT_TYPES.length);
  });

  it('names the one webhook event type that is in no enrollment’s log', () => {
    const workspaceOnly = WEBHOOK_EVENT_TYPES.filter((type) => !(EVENT_TYPES as readonly string[]).includes(type));
    expect(workspaceOnly).to.have.length.above(0);
    for (const type of workspaceOnly) expect(doc, type).to.include(`also \`${type}\``);
  });

  it('lists the ports a store binds, as STORE_TOKENS defines them', () => {
    const listed = namesBetween(doc, '`STORE_TOKENS` covers the repository ports a store must bind', '`CORE_TOKENS`');
    expect(listed).to.have.members(Object.keys(STORE_TOKENS)).and.have.length(Object.keys(STORE_TOKENS).length);
  });

  it('lists what the core needs from its host, as CORE_TOKENS defines it', () => {
    const listed = namesBetween(doc, '`CORE_TOKENS` covers what the core needs from its host besides a store:', '. A token is');
    expect(listed).to.have.members(Object.keys(CORE_TOKENS)).and.have.length(Object.keys(CORE_TOKENS).length);
  });
});

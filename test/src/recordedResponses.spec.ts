import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import type { RecordedExchange } from './support/recordedScenario.js';
import { RECORDING_PATH, serialiseRecording } from './support/recordingNormaliser.js';
import { recordResponses } from './support/recordResponses.js';

const fixture = new URL(`../../${RECORDING_PATH}`, import.meta.url);

/** What a failure says to do when the change is deliberate (a new field of a public shape, as issue 20's `deadline`). */
const RERECORD = ` (a deliberate change of the public shape: record again with \`node --conditions=flexroll-test scripts/record-responses.mjs\` after \`npm run build:all\`, and say why in the commit)`;

/**
 * Issue 17's guard: the API and its webhooks answer byte for byte as they did when the fixture was recorded
 * (`node --conditions=flexroll-test scripts/record-responses.mjs` after `npm run build:all`). Ids, secrets, request
 * ids and ports are placeholders; everything else — status, headers, the body's every byte — must match.
 */
describe('Recorded responses (issue 17): the API answers byte for byte as recorded', () => {
  let recorded: RecordedExchange[];
  let now: RecordedExchange[];
  before(async function () {
    this.timeout(60_000);
    recorded = JSON.parse(await readFile(fixture, 'utf8')) as RecordedExchange[];
    now = await recordResponses();
  });

  it('makes the same requests, in the same order, as the recording', () => {
    expect(now.map((exchange) => `${exchange.label}: ${exchange.request}`)).to.deep.equal(recorded.map((exchange) => `${exchange.label}: ${exchange.request}`));
  });

  it('answers each with the same status, headers and body bytes', () => {
    for (const [n, exchange] of now.entries()) {
      const was = recorded[n];
      // The body first: a changed body also changes content-length, and the body's diff is the one that explains it.
      expect(exchange.body, `${exchange.label}: body${RERECORD}`).to.equal(was?.body);
      expect({ status: exchange.status, headers: exchange.headers }, `${exchange.label}: status and headers${RERECORD}`).to.deep.equal({ status: was?.status, headers: was?.headers });
    }
  });

  it('serialises to the fixture’s exact text', async () => {
    expect(serialiseRecording(now)).to.equal(await readFile(fixture, 'utf8'));
  });
});

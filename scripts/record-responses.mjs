// Records the API's answers to a fixed scenario into test/fixtures/recorded-responses.json (issue 17's guard).
// Usage, after `npm run build:all`:  node --conditions=flexroll-test scripts/record-responses.mjs
// The spec test/src/recordedResponses.spec.ts runs the same scenario (test/src/support/recordedScenario.ts, normalised by recordingNormaliser.ts) and
// compares the answers with the fixture byte for byte, after ids, secrets, request ids and ports become placeholders.
// Re-record only when a change of the answers is intended, and say so in the commit.
import 'reflect-metadata';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { recordResponses } = await import(path.join(root, 'test/build/support/recordResponses.js'));
const { RECORDING_PATH, serialiseRecording } = await import(path.join(root, 'test/build/support/recordingNormaliser.js'));
const exchanges = await recordResponses();
const target = path.join(root, RECORDING_PATH);
await mkdir(path.dirname(target), { recursive: true });
await writeFile(target, serialiseRecording(exchanges));
process.stdout.write(`${exchanges.length} exchanges written to ${RECORDING_PATH}\n`);

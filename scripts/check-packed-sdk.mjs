#!/usr/bin/env node
// The full proof that an adapter kept outside this checkout works from packed tarballs: pack the SDK and the test
// kit, scaffold an adapter in a temporary folder outside the checkout, `npm install` it for real (the tarballs, and
// their own dependencies from the npm registry or npm's cache), `npm test` (build + the test kit), and report each
// step's time. Then the second tutorial's adapter (docs/adapters.md §1.11, docs/samples/home-battery): scaffolded the
// same way, its src/ copied over the scaffold's, installed and tested (the kit and its own nock specs) on the tarballs.
// The test suite runs a fast variant of this without the install (test/src/adapters/packedSdk.spec.ts).
//   npm run build && node scripts/check-packed-sdk.mjs [--keep]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packSdk } from './pack-sdk.mjs';

/** The kit's 8 scenarios and the sample's own 3 specs (src/operator.spec.ts, src/webhook.spec.ts). */
const HOME_BATTERY_SPECS = 11;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'flexroll-packed-'));
const timed = (what, run) => {
  const started = Date.now();
  const result = run();
  process.stdout.write(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
};
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

try {
  timed('pack the SDK and the test kit', () => packSdk(path.join(work, 'packs')));
  timed('scaffold outside the checkout', () => execFileSync(process.execPath, [path.join(root, 'packages/cli/dist/main.js'), 'adapter', 'new', 'acme-vpp', '--dir', work, '--packs', path.join(work, 'packs')], { cwd: work, stdio: 'inherit' }));
  const adapter = path.join(work, 'acme-vpp');
  timed('npm install (tarballs + their dependencies from the registry)', () => npm(['install', '--no-audit', '--no-fund'], adapter));
  const output = timed('npm test (tsc + the test kit)', () => npm(['test'], adapter));
  const passing = /(\d+) passing/.exec(output)?.[1];
  if (passing !== '8' || /failing/.test(output)) throw new Error(`the kit did not pass:\n${output}`);
  process.stdout.write(`the packed SDK and test kit work outside the checkout: ${passing} passing (${adapter})\n`);

  // The second tutorial: an operator with OAuth client credentials, a create call that needs the e-mail, signed
  // webhooks that come twice, out of order and before the link, 429s with Retry-After: 30, and a DELETE.
  timed('scaffold home-battery outside the checkout', () => execFileSync(process.execPath, [path.join(root, 'packages/cli/dist/main.js'), 'adapter', 'new', 'home-battery', '--dir', work, '--packs', path.join(work, 'packs')], { cwd: work, stdio: 'inherit' }));
  const battery = path.join(work, 'home-battery');
  fs.cpSync(path.join(root, 'docs/samples/home-battery/src'), path.join(battery, 'src'), { recursive: true });
  timed('npm install home-battery', () => npm(['install', '--no-audit', '--no-fund'], battery));
  const batteryOutput = timed('npm test home-battery (tsc + the kit + its nock specs)', () => npm(['test'], battery));
  const batteryPassing = /(\d+) passing/.exec(batteryOutput)?.[1];
  if (batteryPassing !== String(HOME_BATTERY_SPECS) || /failing/.test(batteryOutput)) throw new Error(`the home-battery tutorial did not pass:\n${batteryOutput}`);
  process.stdout.write(`the home-battery tutorial's adapter passes on the packed SDK and kit: ${batteryPassing} passing (${battery})\n`);
} finally {
  if (!process.argv.includes('--keep')) fs.rmSync(work, { recursive: true, force: true });
}

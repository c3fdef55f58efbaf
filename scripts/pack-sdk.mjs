#!/usr/bin/env node
// Packs what an adapter kept outside this checkout installs: @flexroll/sdk (its one dependency) and the test kit with
// the platform it runs scenarios on (@flexroll/testkit, @flexroll/core, @flexroll/store-memory). Build first
// (`npm run build`, or `npm run pack:sdk`, which does); the tarballs carry the product build (dist/) only.
//   node scripts/pack-sdk.mjs [--out <folder>]     (default: .packs)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKED = ['packages/sdk', 'packages/core', 'packages/store-memory', 'packages/testkit'];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Packs the four packages into `out` with one npm run; answers the tarballs' paths by package name. */
export function packSdk(out) {
  fs.mkdirSync(out, { recursive: true });
  for (const folder of PACKED) {
    if (!fs.existsSync(path.join(root, folder, 'dist', 'index.js'))) throw new Error(`${folder} has no product build: run \`npm run build\` first.`);
  }
  const workspaces = PACKED.flatMap((folder) => ['-w', folder]);
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out, ...workspaces], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  return Object.fromEntries(packed.map((entry) => [entry.name, path.join(out, entry.filename)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = path.resolve(at < 0 ? path.join(root, '.packs') : process.argv[at + 1]);
  const tarballs = packSdk(out);
  for (const [name, file] of Object.entries(tarballs)) process.stdout.write(`${name}\t${file}\n`);
  const cli = path.relative(process.cwd(), path.join(root, 'packages/cli/dist/main.js'));
  process.stdout.write(`\nScaffold an adapter that installs them:\n  node ${cli} adapter new <name> --dir <folder> --packs ${out}\n`);
}

import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { createAdapterScaffold, scaffoldNextSteps } from '@flexroll/cli';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NAMES = { 'flexroll-sdk': 'sdk', 'flexroll-core': 'core', 'flexroll-store-memory': 'store-memory', 'flexroll-testkit': 'testkit' } as const;

/** What `npm install` would fetch: the packed packages' own dependencies and the adapter's typings, from the checkout. */
async function thirdPartyDependencies(): Promise<{ name: string; folder: string }[]> {
  const found = new Map<string, string>([['@types/node', path.join(repoRoot, 'node_modules/@types/node')], ['@types/mocha', path.join(repoRoot, 'node_modules/@types/mocha')]]);
  for (const name of Object.values(NAMES)) {
    const manifest = JSON.parse(await fs.readFile(path.join(repoRoot, 'packages', name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dependency of Object.keys(manifest.dependencies ?? {}).filter((dependency) => !dependency.startsWith('@flexroll/'))) {
      // Where Node finds it from that package in the checkout: its own node_modules first (a version the root does not hoist), then the root's.
      const nested = path.join(repoRoot, 'packages', name, 'node_modules', dependency);
      found.set(dependency, (await fs.stat(nested).catch(() => undefined)) === undefined ? path.join(repoRoot, 'node_modules', dependency) : nested);
    }
  }
  return [...found].map(([name, folder]) => ({ name, folder }));
}

/**
 * The fast variant of scripts/check-packed-sdk.mjs (which runs a real `npm install` from the registry, about a minute
 * and a half here): the same tarballs, unpacked where `npm install` puts them, with their third-party dependencies
 * found in the checkout's node_modules instead of being downloaded. What it proves: the tarballs hold everything an
 * adapter outside the checkout builds and runs the kit with, and the adapter resolves the packed copies, not the
 * checkout's.
 */
describe('the SDK and the test kit, packed, for an adapter kept outside the checkout', function () {
  this.timeout(120_000);
  let work: string;
  before(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'flexroll-packed-'));
  });
  after(async () => fs.rm(work, { recursive: true, force: true }));

  it('scaffolds an adapter outside the checkout that builds against the tarballs and passes the kit', async () => {
    const packs = path.join(work, 'packs');
    await run(process.execPath, [path.join(repoRoot, 'scripts/pack-sdk.mjs'), '--out', packs], { cwd: repoRoot });
    await createAdapterScaffold('acme-vpp', work, { packs });
    const adapter = path.join(work, 'acme-vpp');
    const manifest = JSON.parse(await fs.readFile(path.join(adapter, 'package.json'), 'utf8'));
    expect(manifest.dependencies['@flexroll/sdk']).to.equal(`file:${path.join(packs, 'flexroll-sdk-0.1.0.tgz')}`);
    expect(await scaffoldNextSteps(adapter, { packs })).to.contain('npm install && npm test');

    for (const [tarball, name] of Object.entries(NAMES)) {
      const target = path.join(adapter, 'node_modules/@flexroll', name);
      await fs.mkdir(target, { recursive: true });
      await run('tar', ['-xzf', path.join(packs, `${tarball}-0.1.0.tgz`), '-C', target, '--strip-components=1']);
    }
    for (const dependency of await thirdPartyDependencies()) {
      const target = path.join(adapter, 'node_modules', dependency.name);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.symlink(dependency.folder, target, 'dir');
    }
    const resolved = await run(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('@flexroll/testkit'), import.meta.resolve('@flexroll/sdk'))"], { cwd: adapter });
    for (const url of resolved.stdout.trim().split(' ')) expect(fileURLToPath(url)).to.match(new RegExp(`^${adapter}/node_modules/@flexroll/(testkit|sdk)/dist/index\\.js$`));

    await run(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', adapter]);
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'node_modules/mocha/bin/mocha.js'), '--reporter', 'dot', path.join(adapter, 'dist/adapter.spec.js')], { cwd: adapter });
    expect(stdout).to.match(/8 passing/);
    expect(stdout).to.not.match(/failing/);
  });

  it('says what to do next wherever the adapter was scaffolded', async () => {
    expect(await scaffoldNextSteps(path.join(repoRoot, 'plugins/acme-vpp'), {})).to.match(/^Next: `npm install` at .* links it as a workspace/);
    expect(await scaffoldNextSteps(path.join(work, 'elsewhere'), { checkout: repoRoot })).to.contain(`\`npm run pack:sdk\` in ${repoRoot}, then scaffold again with \`--packs <that checkout>/.packs\``);
    const missing = await createAdapterScaffold('other-vpp', work, { packs: path.join(work, 'no-packs-here') }).catch((error: Error) => error.message);
    expect(missing).to.match(/has no flexroll-sdk-0\.1\.0\.tgz; run `npm run pack:sdk` in a Flexroll checkout/);
  });
});

import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { createAdapterScaffold } from '@flexroll/cli';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('flexroll adapter new', function () {
  this.timeout(120_000);
  let workspace: string;

  before(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'flexroll-scaffold-'));
    // The generated package resolves @flexroll/sdk and @flexroll/testkit as an installed project would.
    await fs.symlink(path.join(repoRoot, 'node_modules'), path.join(workspace, 'node_modules'), 'dir');
  });
  after(async () => fs.rm(workspace, { recursive: true, force: true }));

  it('generates an adapter that builds and passes the test kit unchanged', async () => {
    const files = await createAdapterScaffold('acme-vpp', path.join(workspace, 'plugins'));
    expect(files.map((file) => path.relative(workspace, file)).sort()).to.deep.equal([
      'plugins/acme-vpp/README.md', 'plugins/acme-vpp/package.json', 'plugins/acme-vpp/src/adapter.spec.ts',
      'plugins/acme-vpp/src/index.ts', 'plugins/acme-vpp/src/manifest.ts', 'plugins/acme-vpp/tsconfig.json',
    ]);
    const plugin = path.join(workspace, 'plugins', 'acme-vpp');
    await run(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', plugin]);
    const { stdout } = await run(process.execPath, [path.join(repoRoot, 'node_modules/mocha/bin/mocha.js'), '--reporter', 'dot', path.join(plugin, 'dist/adapter.spec.js')]);
    expect(stdout).to.match(/8 passing/);
    expect(stdout).to.not.match(/failing/);
  });

  it('refuses a name that is not a valid adapter id, and an existing folder', async () => {
    const bad = await createAdapterScaffold('Acme VPP', path.join(workspace, 'plugins')).catch((error: Error) => error.message);
    expect(bad).to.equal("The adapter name must match ^[a-z][a-z0-9-]{1,62}$ (lower-case letters, digits and dashes), not 'Acme VPP'.");
    const again = await createAdapterScaffold('acme-vpp', path.join(workspace, 'plugins')).catch((error: Error) => error.message);
    expect(again).to.match(/acme-vpp already exists/);
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

/**
 * The two builds: each package's tsconfig.build.json compiles the product into dist/ (no specs, no test helpers), its
 * tsconfig.json compiles everything into build/, and the package.json export condition `flexroll-test` picks build/.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TEST_CONDITION = 'flexroll-test';
/** Folders that hold test helpers only; tsconfig.base.build.json leaves them out of dist/. */
const TEST_ONLY_FOLDERS = new Set(['testing', 'test-support', 'specs']);

interface PackageInfo {
  readonly dir: string;
  readonly name: string;
  readonly exports: Record<string, Record<string, unknown>>;
}

/**
 * The packages other code imports. packages/console is left out: it is a browser app that Vite bundles into static
 * files (ADR 0024), imported by no package, with no dist/index.js and no test build.
 */
function workspacePackages(): PackageInfo[] {
  return ['packages', 'plugins'].flatMap((group) => fs.readdirSync(path.join(repoRoot, group))
    .map((entry) => path.join(repoRoot, group, entry))
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')) && path.basename(dir) !== 'console')
    .map((dir) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      return { dir: path.relative(repoRoot, dir), name: manifest.name, exports: manifest.exports ?? {} };
    }));
}

/** The spec files and test-helper folders under a folder, relative to it. */
function testOnlyEntries(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory()) return TEST_ONLY_FOLDERS.has(entry.name) ? [`${rel}/`] : testOnlyEntries(path.join(dir, entry.name), `${rel}/`);
    return /\.spec\.(js|d\.ts)(\.map)?$/.test(entry.name) ? [rel] : [];
  });
}

/** Every target of an export entry, with whether it sits under the test condition. */
function targetsOf(entry: Record<string, unknown>, underTest = false): Array<{ target: string; underTest: boolean }> {
  return Object.entries(entry).flatMap(([condition, value]) => {
    const test = underTest || condition === TEST_CONDITION;
    if (typeof value === 'string') return [{ target: value, underTest: test }];
    return targetsOf(value as Record<string, unknown>, test);
  });
}

const PACKAGES = workspacePackages();

describe('the product build and the test build', () => {
  for (const pkg of PACKAGES) {
    describe(pkg.name, () => {
      it(`ships no spec and no test helper in ${pkg.dir}/dist`, () => {
        const dist = path.join(repoRoot, pkg.dir, 'dist');
        expect(fs.existsSync(dist), `${pkg.dir}/dist is missing: run \`npm run build\``).to.equal(true);
        expect(testOnlyEntries(dist), `test-only files in ${pkg.dir}/dist (exclude them in tsconfig.build.json; output left from `
          + 'before the product/test split goes with `rm -rf packages/*/dist plugins/*/dist` and a new build)').to.deep.equal([]);
      });

      it(`resolves every export to build/ under the ${TEST_CONDITION} condition, and to dist/ without it`, () => {
        expect(Object.keys(pkg.exports), 'exports').to.have.length.above(0);
        for (const [subpath, entry] of Object.entries(pkg.exports)) {
          expect(Object.keys(entry)[0], `${subpath}: the ${TEST_CONDITION} condition must come first`).to.equal(TEST_CONDITION);
          for (const { target, underTest } of targetsOf(entry)) {
            expect(target, `${subpath}${underTest ? ` (${TEST_CONDITION})` : ''}`).to.match(underTest ? /^\.\/build\// : /^\.\/dist\//);
          }
        }
      });
    });
  }

  it(`runs the specs on the test build (node --conditions=${TEST_CONDITION})`, () => {
    for (const pkg of PACKAGES) {
      expect(fileURLToPath(import.meta.resolve(pkg.name)), pkg.name).to.equal(path.join(repoRoot, pkg.dir, 'build', 'index.js'));
    }
  });

  it('lets a child process of the specs resolve the product build, where the testing entry does not exist', () => {
    const script = `
      const resolved = {};
      for (const name of process.argv.slice(1)) resolved[name] = import.meta.resolve(name);
      try { resolved.testing = import.meta.resolve('@flexroll/core/testing'); } catch (error) { resolved.testing = error.code; }
      console.log(JSON.stringify(resolved));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...PACKAGES.map((pkg) => pkg.name)], { cwd: repoRoot, encoding: 'utf8' });
    expect(child.status, child.stderr).to.equal(0);
    const resolved = JSON.parse(child.stdout);
    for (const pkg of PACKAGES) {
      expect(fileURLToPath(resolved[pkg.name]), pkg.name).to.equal(path.join(repoRoot, pkg.dir, 'dist', 'index.js'));
    }
    expect(resolved.testing).to.equal('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});

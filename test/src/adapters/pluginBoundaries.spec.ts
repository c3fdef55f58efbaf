import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const pluginsDir = path.join(repoRoot, 'plugins');

/** Test helpers live in these folders, which the product build leaves out (tsconfig.base.build.json), as it does specs. */
const TEST_FOLDERS = new Set(['testing', 'test-support', 'specs']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return TEST_FOLDERS.has(entry.name) ? [] : sourceFiles(full);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) && !entry.name.includes('.spec.') ? [full] : [];
  });
}

describe('plugins build on packages/sdk alone', () => {
  const plugins = fs.readdirSync(pluginsDir).filter((name) => fs.existsSync(path.join(pluginsDir, name, 'src')));

  it('finds the plugins to check', () => {
    expect(plugins).to.include('manual');
  });

  for (const plugin of plugins) {
    it(`plugins/${plugin} imports only @flexroll/sdk, Node built-ins and its own files (outside its specs and test helpers)`, () => {
      const offending: string[] = [];
      for (const file of sourceFiles(path.join(pluginsDir, plugin, 'src'))) {
        const imports = [...fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1]!);
        for (const specifier of imports) {
          const allowed = specifier === '@flexroll/sdk' || specifier.startsWith('node:') || (specifier.startsWith('./') && !specifier.includes('..'));
          if (!allowed) offending.push(`${path.relative(repoRoot, file)} imports '${specifier}'`);
        }
      }
      expect(offending).to.deep.equal([]);
    });
  }
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { expect } from 'chai';
import ts from 'typescript';

const GUIDE = fileURLToPath(new URL('../../../docs/adapters.md', import.meta.url));
const HEX = '0123456789abcdef';

/** The tutorial's forgery (docs/adapters.md §1.10, step 4), exactly as printed there, as a function of the header. */
function forgeryFromGuide(): (header: string) => string {
  const line = /^\s*forged\.headers\['x-kraken-signature'\] = forged\.headers\['x-kraken-signature'\]\.replace\((.*)\);$/m.exec(readFileSync(GUIDE, 'utf8'));
  if (line === null) throw new Error('docs/adapters.md has no forged-signature example');
  const source = ts.transpileModule(`export default (header: string) => header.replace(${line[1]!});`, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
  const module = { exports: {} as { default?: (header: string) => string } };
  runInNewContext(source, { module, exports: module.exports });
  return module.exports.default!;
}

describe('The forged signature in docs/adapters.md', () => {
  it('differs from the real signature whatever hex digit it starts with, in that digit only', () => {
    const forge = forgeryFromGuide();
    for (const first of HEX) {
      const signature = `${first}${'a1b2c3d4'.repeat(7)}9f8e7d6`;
      const header = `t=1733558400,v1=${signature}`;
      const forged = forge(header);
      const forgedSignature = forged.slice('t=1733558400,v1='.length);
      expect(forgedSignature, `a signature starting with '${first}'`).to.not.equal(signature);
      expect([forged.length, forgedSignature.slice(1), HEX.includes(forgedSignature[0]!)]).to.deep.equal([header.length, signature.slice(1), true]);
    }
  });
});

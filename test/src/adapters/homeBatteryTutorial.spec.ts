import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SAMPLE_SRC = path.join(repoRoot, 'docs/samples/home-battery/src');

/** The text of docs/adapters.md's §1.11, up to the next section. */
async function section(): Promise<string> {
  const doc = await fs.readFile(path.join(repoRoot, 'docs/adapters.md'), 'utf8');
  const start = doc.indexOf('### 1.11 ');
  const end = doc.indexOf('\n## 2. The contract', start);
  expect(start, 'docs/adapters.md has a §1.11').to.be.greaterThan(-1);
  return doc.slice(start, end);
}

/**
 * The second tutorial's code is the sample's code: each TypeScript block of §1.11 is one of the files of
 * docs/samples/home-battery/src as it is, named just before it, and every file there is shown. (npm run
 * check:packed-sdk runs those files on the packed SDK and kit; homeBatteryServe.spec.ts runs them in a real server.)
 */
describe('docs/adapters.md §1.11: the home-battery tutorial shows the sample’s files as they are', () => {
  it('has each TypeScript block equal to the file it names, and names every file of the sample', async () => {
    const text = await section();
    const blocks = [...text.matchAll(/`src\/([\w.]+\.ts)`[^\n]*\n\n```ts\n([\s\S]*?)\n```/g)].map(([, file, code]) => ({ file: file!, code: code! }));
    const files = (await fs.readdir(SAMPLE_SRC)).filter((file) => file.endsWith('.ts')).sort();
    expect(blocks.map((block) => block.file).sort()).to.deep.equal(files);
    for (const { file, code } of blocks) {
      expect(code, `the §1.11 block of src/${file}`).to.equal((await fs.readFile(path.join(SAMPLE_SRC, file), 'utf8')).trimEnd());
    }
    expect(text.match(/```ts\n/g)).to.have.length(files.length);
  });
});

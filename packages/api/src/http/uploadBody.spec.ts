import { expect } from 'chai';
import type { Request } from 'express';
import { uploadBody } from './uploadBody.js';
import { scanUtf8 } from './utf8Scan.js';

const request = (headers: Record<string, string> = {}) => ({ get: (name: string) => headers[name.toLowerCase()] }) as unknown as Request;

async function collect(parts: readonly Uint8Array[]): Promise<Buffer> {
  const out: Uint8Array[] = [];
  for await (const part of uploadBody(request(), (async function* () { yield* parts; })())) out.push(part);
  return Buffer.concat(out);
}

describe('uploadBody', () => {
  it('passes on a character split between two parts whole, at every split of every width', async () => {
    const text = Buffer.from('a,é,€,😀\nnext line ü\n');
    for (let cut = 0; cut <= text.length; cut++) {
      expect((await collect([text.subarray(0, cut), text.subarray(cut)])).toString('utf8'), `cut at ${cut}`).to.equal(text.toString('utf8'));
    }
  });

  it('names the byte offset and line of the first byte that is not UTF-8, across parts', async () => {
    const parts = [Buffer.from('line one\nline '), Buffer.from([0x74, 0x77, 0x6f, 0xe2]), Buffer.from([0x28, 0x0a])];
    try {
      await collect(parts);
      expect.fail('refused');
    } catch (error) {
      expect((error as { status: number; details: unknown }).details).to.deep.equal([{ field: '/', rule: 'utf8', message: 'is not valid UTF-8 at byte offset 17 (line 2)' }]);
    }
  });
});

describe('scanUtf8', () => {
  it('judges as the native check does: overlong forms, surrogates and code points past U+10FFFF are not UTF-8', () => {
    const cases: Array<[number[], string]> = [
      [[0x41], 'valid'], [[0xc3, 0xa9], 'valid'], [[0xf0, 0x9f, 0x98, 0x80], 'valid'],
      [[0xc0, 0x80], 'invalid'], [[0xe0, 0x80, 0x80], 'invalid'], [[0xed, 0xa0, 0x80], 'invalid'], [[0xf4, 0x90, 0x80, 0x80], 'invalid'], [[0x80], 'invalid'],
      [[0xe2, 0x82], 'incomplete'], [[0xf0, 0x9f, 0x98], 'incomplete'],
    ];
    for (const [bytes, kind] of cases) expect(scanUtf8(Uint8Array.from(bytes)).kind, bytes.map((byte) => byte.toString(16)).join(' ')).to.equal(kind);
  });
});

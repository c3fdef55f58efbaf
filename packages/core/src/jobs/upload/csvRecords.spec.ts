import { expect } from 'chai';
import fc from 'fast-check';
import { csvRecords } from './csvRecords.js';
import { ndjsonRecords, type UploadRecord } from './textLines.js';

async function read(text: string, pieceSize: number, reader = csvRecords, max = 10_000): Promise<UploadRecord[]> {
  async function* pieces() {
    for (let at = 0; at < text.length; at += pieceSize) yield text.slice(at, at + pieceSize);
  }
  const records: UploadRecord[] = [];
  for await (const record of reader(pieces(), max)) records.push(record);
  return records;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

describe(csvRecords.name, () => {
  it('reads back any table written as RFC 4180 CSV, however the text is cut into pieces', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '1'), maxLength: 8 });
    const table = fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(table, fc.integer({ min: 1, max: 7 }), fc.boolean(), async (rows, pieceSize, crlf) => {
        const usable = rows.filter((row) => !(row.length === 2 && row.every((value) => value === '')));
        const text = usable.map((row) => row.map(quote).join(',')).join(crlf ? '\r\n' : '\n');
        expect((await read(text, pieceSize)).map((record) => record.fields)).to.deep.equal(usable);
      }),
    );
  });

  it('says which line each record starts on, past quoted newlines and blank lines', async () => {
    const records = await read('a,b\n\n"multi\nline",x\nlast,y', 3);
    expect(records.map((record) => [record.line, record.fields])).to.deep.equal([[1, ['a', 'b']], [3, ['multi\nline', 'x']], [5, ['last', 'y']]]);
  });

  it('reports a record longer than the limit (an unclosed quote) as a problem and goes on at the next line', async () => {
    const records = await read('"open,never closed\nstill,inside\n', 4, csvRecords, 10);
    expect(records[0]).to.deep.include({ line: 1, problem: 'is longer than 10 characters (is a quote left open?)' });
  });
});

describe(ndjsonRecords.name, () => {
  it('yields one record per non-blank line with its line number, and flags an over-long line without holding it', async () => {
    const records = await read('{"a":1}\r\n\n{"b":2}\n' + 'x'.repeat(50) + '\n{"c":3}', 5, ndjsonRecords, 20);
    expect(records).to.deep.equal([
      { line: 1, text: '{"a":1}' },
      { line: 3, text: '{"b":2}' },
      { line: 4, problem: 'is longer than 20 characters' },
      { line: 5, text: '{"c":3}' },
    ]);
  });
});

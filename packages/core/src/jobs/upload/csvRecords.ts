import type { UploadRecord } from './textLines.js';

/**
 * CSV (RFC 4180) records from a stream of text: fields separated by commas, records by CRLF or LF, a field in double
 * quotes may hold commas, newlines and doubled quotes. It reads as the text arrives and holds one record at a time;
 * a record longer than `maxRecordChars` (an unclosed quote, say) is reported as a problem and skipped to the next
 * line, rather than held. Blank lines are skipped. Each record says the line it starts on.
 */
export async function* csvRecords(text: AsyncIterable<string>, maxRecordChars: number): AsyncGenerator<UploadRecord> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let startLine = 1;
  let size = 0;
  let skipping = false;
  const finish = (): UploadRecord | undefined => {
    fields.push(field);
    const record = fields.length === 1 && fields[0] === '' ? undefined : { line: startLine, fields };
    fields = [];
    field = '';
    size = 0;
    return record;
  };
  for await (const part of text) {
    for (let i = 0; i < part.length; i++) {
      const char = part[i]!;
      if (skipping) {
        if (char === '\n') {
          line++;
          skipping = false;
          startLine = line;
        }
        continue;
      }
      if (++size > maxRecordChars) {
        yield { line: startLine, problem: `is longer than ${maxRecordChars} characters (is a quote left open?)` };
        [fields, field, quoted, afterQuote, size, skipping] = [[], '', false, false, 0, char !== '\n'];
        if (char === '\n') startLine = ++line;
        continue;
      }
      if (quoted) {
        if (char === '"') [quoted, afterQuote] = [false, true];
        else {
          if (char === '\n') line++;
          field += char;
        }
      } else if (char === '"') {
        if (afterQuote) field += '"';
        [quoted, afterQuote] = [true, false];
      } else if (char === ',') {
        fields.push(field);
        [field, afterQuote] = ['', false];
      } else if (char === '\n') {
        if (field.endsWith('\r') && !afterQuote) field = field.slice(0, -1);
        const record = finish();
        if (record !== undefined) yield record;
        [afterQuote, startLine] = [false, ++line];
      } else if (!(char === '\r' && afterQuote)) {
        field += char;
      }
    }
  }
  if (quoted) yield { line: startLine, problem: 'ends inside a quoted field' };
  else if (!skipping && (field !== '' || fields.length > 0)) {
    const record = finish();
    if (record !== undefined) yield record;
  }
}

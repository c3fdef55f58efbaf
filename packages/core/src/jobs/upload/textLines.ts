/** The text of an upload, decoded as UTF-8 chunk by chunk (a character split across chunks is kept whole); a leading BOM is dropped. */
export async function* decodeText(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let first = true;
  for await (const part of body) {
    let text = typeof part === 'string' ? part : decoder.decode(part, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}

/** A record read from an upload: its text, or why it could not be read, and the line it starts on. */
export interface UploadRecord {
  readonly line: number;
  readonly text?: string;
  readonly fields?: readonly string[];
  readonly problem?: string;
}

/** NDJSON: one record per non-blank line. A line longer than `maxRecordChars` is a problem, not a reason to hold it all. */
export async function* ndjsonRecords(text: AsyncIterable<string>, maxRecordChars: number): AsyncGenerator<UploadRecord> {
  let pending = '';
  let line = 0;
  let oversized = false;
  for await (const part of text) {
    let start = 0;
    for (let end = part.indexOf('\n'); end !== -1; end = part.indexOf('\n', start)) {
      line++;
      const whole = oversized ? '' : pending + part.slice(start, end);
      const record = lineRecord(whole, line, oversized || whole.length > maxRecordChars, maxRecordChars);
      if (record !== undefined) yield record;
      pending = '';
      oversized = false;
      start = end + 1;
    }
    if (!oversized) pending += part.slice(start);
    if (pending.length > maxRecordChars) {
      oversized = true;
      pending = '';
    }
  }
  if (pending.length > 0 || oversized) {
    const record = lineRecord(pending, line + 1, oversized, maxRecordChars);
    if (record !== undefined) yield record;
  }
}

function lineRecord(text: string, line: number, oversized: boolean, maxRecordChars: number): UploadRecord | undefined {
  if (oversized) return { line, problem: `is longer than ${maxRecordChars} characters` };
  const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
  return trimmed.trim() === '' ? undefined : { line, text: trimmed };
}

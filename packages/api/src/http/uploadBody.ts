import { isUtf8 } from 'node:buffer';
import { Readable, pipeline, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Request } from 'express';
import { ApiError } from './ApiError.js';
import { scanUtf8 } from './utf8Scan.js';

const DECOMPRESSORS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * An upload's bytes as the route reads them, held to the rules of every body: decompressed as its `Content-Encoding`
 * says (gzip, deflate or br, as the JSON routes accept), and refused with a 400 at the first byte that is not UTF-8,
 * naming its byte and line. Decompressed as it is read, so the upload's byte limit (`uploadMaxBytes`), counted on
 * what this yields, caps the inflated size: a small compressed body that inflates past it is stopped there.
 */
export async function* uploadBody(request: Request, stream: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* checkedUtf8(decompressed(request, stream));
}

/** The body decompressed per its `Content-Encoding`, or as sent; 415 for an encoding the API does not read. */
async function* decompressed(request: Request, stream: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const encoding = (request.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') {
    yield* stream;
    return;
  }
  const decompressor = DECOMPRESSORS[encoding];
  if (decompressor === undefined) {
    throw new ApiError(415, 'unsupported_encoding', 'Send the file uncompressed or with one Content-Encoding of gzip, deflate or br.', [
      { field: '/headers/content-encoding', rule: 'encoding', message: 'must be identity, gzip, deflate or br' },
    ]);
  }
  const inflater = decompressor();
  // Backpressure both ways: the client's bytes are read only as fast as the inflated ones are used. Stopping early
  // (a file refused part-way) destroys the pipeline; the route then reads and drops what the client still sends.
  pipeline(Readable.from(stream), inflater, () => {});
  try {
    for await (const part of inflater) yield part as Uint8Array;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new ApiError(400, 'malformed_body', `The file could not be decompressed as its Content-Encoding (${encoding}) says.`, [
        { field: '/headers/content-encoding', rule: 'encoding', message: 'does not match the body' },
      ]);
    }
    throw error;
  } finally {
    inflater.destroy();
  }
}

/** The bytes as they come, once each is known to be UTF-8; a character split between two parts is passed on whole. */
async function* checkedUtf8(parts: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let carried: Uint8Array = new Uint8Array(0);
  let offset = 0; // bytes of the file before `carried`
  let line = 1;
  for await (const part of parts) {
    const bytes = carried.length === 0 ? part : Buffer.concat([carried, part]);
    if (isUtf8(bytes)) {
      carried = new Uint8Array(0);
      line += countNewlines(bytes, bytes.length);
      offset += bytes.length;
      yield bytes;
      continue;
    }
    const scan = scanUtf8(bytes);
    if (scan.kind === 'invalid') throw notUtf8(offset + scan.at, line + countNewlines(bytes, scan.at));
    const whole = scan.kind === 'incomplete' ? scan.at : bytes.length;
    carried = bytes.subarray(whole);
    line += countNewlines(bytes, whole);
    offset += whole;
    if (whole > 0) yield bytes.subarray(0, whole);
  }
  if (carried.length > 0) throw notUtf8(offset, line);
}

/** The line feeds among the first `end` bytes. */
function countNewlines(bytes: Uint8Array, end: number): number {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  let count = 0;
  for (let at = view.indexOf(10); at !== -1; at = view.indexOf(10, at + 1)) count++;
  return count;
}

function notUtf8(byte: number, line: number): ApiError {
  return new ApiError(400, 'malformed_body', `The file is not valid UTF-8: the bytes at offset ${byte} (line ${line}) do not form a UTF-8 character.`, [
    { field: '/', rule: 'utf8', message: `is not valid UTF-8 at byte offset ${byte} (line ${line})` },
  ]);
}

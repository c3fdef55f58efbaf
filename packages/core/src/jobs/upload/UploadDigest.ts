import { createHash, type Hash } from 'node:crypto';

/**
 * What an import's key promises to repeat: the SHA-256 of the file's first `bytes` bytes, as they were read — the
 * whole file once it was all received (`whole`), or as far as it was read when it was refused part-way.
 */
export interface UploadDigest {
  readonly bytes: number;
  readonly sha256: string;
  readonly whole: boolean;
}

/** Hashes an upload as it passes through, so that the job can keep its digest without holding the file. */
export class DigestingUpload {
  readonly #hash: Hash = createHash('sha256');
  #bytes = 0;

  async *through(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
    for await (const part of body) {
      this.#hash.update(part);
      this.#bytes += typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength;
      yield part;
    }
  }

  /** The digest of what has passed so far. */
  digest(whole: boolean): UploadDigest {
    return { bytes: this.#bytes, sha256: this.#hash.copy().digest('hex'), whole };
  }
}

/**
 * Whether `body` is the upload `digest` describes: its first `digest.bytes` bytes hash the same, and, when the digest
 * is of a whole file, there is nothing after them. Reads no more of the body than that (and one byte past it).
 */
export async function matchesDigest(body: AsyncIterable<Uint8Array | string>, digest: UploadDigest): Promise<boolean> {
  const hash = createHash('sha256');
  let read = 0;
  for await (const part of body) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    const wanted = digest.bytes - read;
    if (bytes.byteLength > wanted) {
      if (digest.whole) return false; // more than the whole file held
      hash.update(bytes.subarray(0, wanted));
      read = digest.bytes;
      break;
    }
    hash.update(bytes);
    read += bytes.byteLength;
  }
  return read === digest.bytes && hash.digest('hex') === digest.sha256;
}

import { randomFillSync } from 'node:crypto';

/**
 * Bytes are taken from the system's CSPRNG a block at a time, as Node's own `randomUUID` does: each `randomBytes`
 * call costs a few microseconds whatever its size, and a request asks for about ten small ids (its trace, its events,
 * its batch). Every byte is handed out once.
 */
const BLOCK_BYTES = 4_096;
const block = Buffer.allocUnsafe(BLOCK_BYTES);
let taken = BLOCK_BYTES;

/** `bytes` random bytes (at most a block's worth), as lower-case hex. */
export function randomHex(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > BLOCK_BYTES) throw new RangeError(`randomHex takes 1 to ${BLOCK_BYTES} bytes; got ${bytes}.`);
  if (taken + bytes > BLOCK_BYTES) {
    randomFillSync(block);
    taken = 0;
  }
  const hex = block.toString('hex', taken, taken + bytes);
  taken += bytes;
  return hex;
}

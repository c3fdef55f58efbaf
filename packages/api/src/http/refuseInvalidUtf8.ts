import { isUtf8 } from 'node:buffer';

/** express.json's `verify`: a body that is not UTF-8 is refused, not read with replacement characters. */
export function refuseInvalidUtf8(_request: unknown, _response: unknown, buffer: Buffer): void {
  if (!isUtf8(buffer)) throw new Error('The request body is not valid UTF-8.');
}

/**
 * True for a unique-index violation. MongoDB and FerretDB v1 both answer code 11000 with a message starting
 * `E11000 duplicate key error collection: <db>.<collection>` (FerretDB names neither the index nor the key and
 * sets no `keyValue`); a bulk write reports the same code. The message test covers wrappers that drop the code.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 11000 || code === 11001 || (typeof message === 'string' && /E11000/.test(message));
}

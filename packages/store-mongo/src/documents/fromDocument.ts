import { decodeData } from './documentCodec.js';
import type { StoredDocument } from './StoredDocument.js';

export type IdMapping = 'id' | 'none';

/**
 * The domain record for a stored (lean) document: `_id` becomes `id` (or is dropped, for records without an id),
 * and nothing of the store's own (`_id`, `__v`) is left on it.
 */
export function fromDocument<T>(document: object, ids: IdMapping = 'id'): T {
  const { _id, __v, ...fields } = decodeData(document) as StoredDocument;
  void __v;
  return (ids === 'id' ? { id: _id, ...fields } : fields) as T;
}

import { encodeData } from './documentCodec.js';
import type { StoredDocument } from './StoredDocument.js';

/**
 * The stored document for a domain record. A record with an `id` is stored under `_id` = that id; one without
 * (a claim, an idempotency record) gets the server's generated `_id`, which {@link fromDocument} drops again.
 */
export function toDocument(record: object): StoredDocument {
  const { id, ...fields } = encodeData(record) as StoredDocument;
  return id === undefined ? fields : { _id: id, ...fields };
}

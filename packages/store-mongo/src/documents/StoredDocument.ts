/** A document as the store writes and reads it: plain BSON-able data under an `_id`. */
export interface StoredDocument {
  _id?: unknown;
  [field: string]: unknown;
}

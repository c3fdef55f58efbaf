import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/**
 * `idempotency_records`: one attempt per `(workspaceId, key)`, reserved by the unique insert; `_id` is the attempt's
 * own id. `key` and `fingerprint` are hashes and `response` is sealed: nothing here is the client's text in clear.
 */
export const idempotencyRecordSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    key: { type: String, required: true },
    fingerprint: String,
    operation: String,
    createdAt: String,
    lockedUntil: String,
    expiresAt: String,
    response: String,
  },
  schemaOptions('idempotency_records'),
);
idempotencyRecordSchema.index({ workspaceId: 1, key: 1 }, { unique: true });

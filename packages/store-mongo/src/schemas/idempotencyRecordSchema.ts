import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `idempotency_records`: one use of a key per `(workspaceId, key)`, reserved by the unique insert. */
export const idempotencyRecordSchema: Schema = new Schema(
  {
    workspaceId: { type: String, required: true },
    key: { type: String, required: true },
    fingerprint: String,
    createdAt: String,
    response: Schema.Types.Mixed,
  },
  schemaOptions('idempotency_records'),
);
idempotencyRecordSchema.index({ workspaceId: 1, key: 1 }, { unique: true });

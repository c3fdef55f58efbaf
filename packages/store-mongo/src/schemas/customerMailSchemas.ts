import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `customer_mails`: one e-mail owed to a self-enrolled customer (no address, no link); `_id` is the item id. */
export const customerMailItemSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    programInstanceId: String,
    enrollmentId: String,
    kind: String,
    state: String,
    locale: String,
    seq: Number,
    status: String,
    attempts: Number,
    attemptLimit: Number,
    nextAttemptAt: String,
    lastError: String,
    createdAt: String,
    updatedAt: String,
    sentAt: String,
  },
  schemaOptions('customer_mails'),
);
// The worker's query is an equality on status (FerretDB v1 pushes down only top-level equalities).
customerMailItemSchema.index({ status: 1 });
// An instance's mails by status (its dead letters), as the adapter outbox's are listed.
customerMailItemSchema.index({ workspaceId: 1, programInstanceId: 1, status: 1, createdAt: 1 });

import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `adapter_outbox`: one side effect owed to an adapter per participation move; `_id` is the item id. */
export const adapterOutboxItemSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    programInstanceId: String,
    adapterId: String,
    enrollmentId: String,
    participationId: String,
    seq: Number,
    move: Schema.Types.Mixed,
    status: String,
    attempts: Number,
    attemptLimit: Number,
    nextAttemptAt: String,
    lastError: String,
    createdAt: String,
    updatedAt: String,
    deliveredAt: String,
  },
  schemaOptions('adapter_outbox'),
);
// The worker's query is an equality on status (FerretDB v1 pushes down only top-level equalities).
adapterOutboxItemSchema.index({ status: 1 });
adapterOutboxItemSchema.index({ workspaceId: 1, programInstanceId: 1, status: 1, createdAt: 1 });

import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `webhook_endpoints`: `_id` is the endpoint id; the fan-out lists a workspace's endpoints by equality. */
export const webhookEndpointSchema: Schema = new Schema(
  { _id: { type: String, required: true }, workspaceId: { type: String, required: true }, url: String, eventTypes: [String], status: String, createdAt: String, updatedAt: String },
  schemaOptions('webhook_endpoints'),
);
webhookEndpointSchema.index({ workspaceId: 1 });

/**
 * `webhook_messages`: one per (endpoint, event) — `(endpointId, eventId)` unique, the fan-out's guard. The
 * dispatcher finds pending messages by `state`, replay finds failed ones by `(endpointId, state)`, the delivery log
 * walks `listBucket` (or `typeBucket`) by bucket and reads one enrollment's by `enrollmentLog`: equalities.
 */
export const webhookMessageSchema: Schema = new Schema(
  {
    _id: { type: String, required: true }, workspaceId: { type: String, required: true }, endpointId: { type: String, required: true },
    eventId: { type: String, required: true }, type: String, enrollmentId: String, seq: Number, payload: String, createdAt: String, state: String,
    /** The delivery log's bucket (ADR 0021): `<scope>|<created second>`, an entry of `list_buckets`; never read back. */
    listBucket: String,
    /** The same within the message's event type, for the log's type filter (ADR 0022); never read back. */
    typeBucket: String,
    /** The message's endpoint and enrollment, for the log's enrollment filter (ADR 0022); never read back. */
    enrollmentLog: String,
    /** While failed, its endpoint's failed list's bucket, for the log's `state=failed` (ADR 0022); never read back. */
    failedBucket: String,
  },
  schemaOptions('webhook_messages'),
);
webhookMessageSchema.index({ endpointId: 1, eventId: 1 }, { unique: true });
webhookMessageSchema.index({ state: 1 });
webhookMessageSchema.index({ endpointId: 1, state: 1 });
webhookMessageSchema.index({ listBucket: 1 });
webhookMessageSchema.index({ typeBucket: 1 });
webhookMessageSchema.index({ enrollmentLog: 1 });
webhookMessageSchema.index({ failedBucket: 1 });

/** `delivery_attempts`: `(subjectId, attempt)` unique — inserting one claims it (the lease). */
export const deliveryAttemptSchema: Schema = new Schema(
  { _id: { type: String, required: true }, workspaceId: { type: String, required: true }, subjectId: { type: String, required: true }, attempt: { type: Number, required: true } },
  schemaOptions('delivery_attempts'),
);
deliveryAttemptSchema.index({ subjectId: 1, attempt: 1 }, { unique: true });

/** `cursors`: `_id` is the cursor's key. */
export const cursorSchema: Schema = new Schema({ _id: { type: String, required: true }, value: String, updatedAt: String }, schemaOptions('cursors'));

import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/**
 * `operator_event_ids`: an operator event's id as first received, unique per `(workspace, instance, adapter, event id)`:
 * the unique index is what recognises a redelivery, however many processes receive it at once.
 */
export const operatorEventIdSchema: Schema = new Schema(
  {
    workspaceId: { type: String, required: true },
    programInstanceId: { type: String, required: true },
    adapterId: { type: String, required: true },
    eventId: { type: String, required: true },
    participationId: String,
    enrollmentId: String,
    receivedAt: String,
    receiptId: String,
  },
  schemaOptions('operator_event_ids'),
);
operatorEventIdSchema.index({ workspaceId: 1, programInstanceId: 1, adapterId: 1, eventId: 1 }, { unique: true });

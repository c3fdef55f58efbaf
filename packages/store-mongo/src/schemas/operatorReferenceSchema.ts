import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `operator_references`: an operator's id linked to one participation, unique per `(workspace, instance, kind, value)`. */
export const operatorReferenceSchema: Schema = new Schema(
  {
    workspaceId: { type: String, required: true },
    programInstanceId: { type: String, required: true },
    kind: { type: String, required: true },
    value: { type: String, required: true },
    participationId: String,
    enrollmentId: String,
    linkedAt: String,
  },
  schemaOptions('operator_references'),
);
operatorReferenceSchema.index({ workspaceId: 1, programInstanceId: 1, kind: 1, value: 1 }, { unique: true });
operatorReferenceSchema.index({ workspaceId: 1, programInstanceId: 1, participationId: 1 });

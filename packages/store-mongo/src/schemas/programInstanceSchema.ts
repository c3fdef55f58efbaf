import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `program_instances`: `_id` is the instance id. */
export const programInstanceSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    programId: String,
    name: String,
    adapter: Schema.Types.Mixed,
    meterAccessRequired: Boolean,
    noticePeriodDays: Number,
    telemetryStalenessHours: Number,
    eligibilityRules: Schema.Types.Mixed,
    expectedDurations: Schema.Types.Mixed,
    deadlines: Schema.Types.Mixed,
    customerDataGrant: Schema.Types.Mixed,
    enrollmentPage: Schema.Types.Mixed,
    createdAt: String,
    updatedAt: String,
    version: Number,
  },
  schemaOptions('program_instances'),
);
programInstanceSchema.index({ workspaceId: 1, createdAt: 1, _id: 1 });

import { Schema } from 'mongoose';
import { optionalStrings, schemaOptions } from './schemaOptions.js';

/**
 * `enrollments`, the projection of the event log: `_id` is the enrollment id. The fields that lists filter on are
 * typed; the rest of the enrollment (address, metadata, eligibility, participation, …) is stored as given.
 */
export const enrollmentSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    programInstanceId: String,
    seq: { type: Number, required: true },
    tags: optionalStrings,
    manufacturerSlugs: optionalStrings,
    referenceId: String,
    serialNumber: String,
    /** The participation's id again, at the top level, for the lookup by participation (see the repository). */
    participationId: String,
    eligibility: Schema.Types.Mixed,
    participation: Schema.Types.Mixed,
    metadata: Schema.Types.Mixed,
    address: Schema.Types.Mixed,
    createdAt: String,
    updatedAt: String,
    deletedAt: String,
  },
  schemaOptions('enrollments'),
);
enrollmentSchema.index({ workspaceId: 1, createdAt: 1, _id: 1 });
enrollmentSchema.index({ workspaceId: 1, programInstanceId: 1, createdAt: 1 });
enrollmentSchema.index({ workspaceId: 1, referenceId: 1 });
enrollmentSchema.index({ workspaceId: 1, participationId: 1 });
/** The device's enrollments across instances: screening's "not enrolled elsewhere" is one lookup, not a scan. */
enrollmentSchema.index({ workspaceId: 1, serialNumber: 1 });

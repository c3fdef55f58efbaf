import { Schema, type SchemaDefinition } from 'mongoose';
import { ENROLLMENT_FIELD_ENTRIES } from '@flexroll/core';
import { optionalStrings, schemaOptions } from './schemaOptions.js';

/** How the catalogue's `stored` kinds are typed here. */
const STORED_AS = { string: String, strings: optionalStrings, object: Schema.Types.Mixed } as const;

/** The enrollment fields the catalogue (core's `enrollmentFields.ts`) asks the store to type. */
const catalogueFields: SchemaDefinition = Object.fromEntries(
  ENROLLMENT_FIELD_ENTRIES.flatMap(([name, spec]) => (spec.stored === undefined ? [] : [[name, STORED_AS[spec.stored]]])),
);

/**
 * `enrollments`, the projection of the event log: `_id` is the enrollment id. The fields that lists filter on are
 * typed (as the catalogue says); the rest of the enrollment (eligibility, participation, …) is stored as given.
 */
export const enrollmentSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    programInstanceId: String,
    seq: { type: Number, required: true },
    ...catalogueFields,
    /** The participation's id again, at the top level, for the lookup by participation (see the repository). */
    participationId: String,
    /** Its place in its instance's list, and the keys pages read it by (see `lists/listKeys.ts`, ADR 0017). */
    listPosition: Number,
    listBlock: String,
    listKeys: optionalStrings,
    /** When timed work next finds the enrollment due, as bucket keys the core computes (ADR 0019): found by equality. */
    reviewMinute: String,
    reviewHour: String,
    reviewDay: String,
    pollMinute: String,
    pollHour: String,
    pollDay: String,
    eligibility: Schema.Types.Mixed,
    participation: Schema.Types.Mixed,
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
/**
 * A page of an instance's list reads its block or two by key (ADR 0017). The keys name the workspace, so, as for the
 * due buckets below, the index is on the key alone and the workspace is checked on what it returns.
 */
enrollmentSchema.index({ listBlock: 1 });
enrollmentSchema.index({ listKeys: 1 });
/** The device's enrollments across instances: screening's "not enrolled elsewhere" is one lookup, not a scan. */
enrollmentSchema.index({ workspaceId: 1, serialNumber: 1 });
/**
 * The due buckets (ADR 0019): a sweep or a poll reads what is due by equality on one of them, never by a range. Each
 * value starts with the workspace's id, so the index is on the key alone: a GIN index with `workspaceId` beside it
 * would read the workspace's whole posting list for every bucket.
 */
enrollmentSchema.index({ reviewMinute: 1 });
enrollmentSchema.index({ reviewHour: 1 });
enrollmentSchema.index({ reviewDay: 1 });
enrollmentSchema.index({ pollMinute: 1 });
enrollmentSchema.index({ pollHour: 1 });
enrollmentSchema.index({ pollDay: 1 });

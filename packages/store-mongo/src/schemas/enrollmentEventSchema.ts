import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/**
 * `enrollment_events`, the append-only log: `_id` is the event id, and `(enrollmentId, seq)` is unique — the
 * concurrency guard of every enrollment write. Payloads (`data`, `followers`) are stored whole.
 */
export const enrollmentEventSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    enrollmentId: { type: String, required: true },
    /** The enrollment's program instance (absent from events stored before issue 24 until the backfill gives it). */
    programInstanceId: String,
    seq: { type: Number, required: true },
    type: String,
    occurredAt: String,
    actor: Schema.Types.Mixed,
    source: String,
    data: Schema.Types.Mixed,
    batch: Schema.Types.Mixed,
    followers: Schema.Types.Mixed,
    /**
     * The event feed's hour, minute and second the event was filed in (ADR 0018), stored only for the feed (an equality
     * lookup on any of them); never read back.
     */
    feedBuckets: [String],
    /** The workspace list's bucket (ADR 0021): `<scope>|<recorded second>`, an entry of `list_buckets`; never read back. */
    listBucket: String,
    /** Its program instance's list's bucket (issue 24): `<scope>/<programInstanceId>|<second>`; never read back. */
    instanceListBucket: String,
  },
  schemaOptions('enrollment_events'),
);
enrollmentEventSchema.index({ enrollmentId: 1, seq: 1 }, { unique: true });
enrollmentEventSchema.index({ workspaceId: 1, occurredAt: 1, enrollmentId: 1, seq: 1 });
enrollmentEventSchema.index({ feedBuckets: 1 });
enrollmentEventSchema.index({ listBucket: 1 });
enrollmentEventSchema.index({ instanceListBucket: 1 });

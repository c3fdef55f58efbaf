import { Schema } from 'mongoose';
import { schemaOptions } from '../schemas/schemaOptions.js';

/**
 * `enrollment_list_ledger`: every change of an instance's enrollment list (an enrollment added, or its status, tags or
 * deletion changed), at consecutive positions `pos` per instance (`_id` = instance id + `pos`, unique: taking the
 * next position is a unique insert). `supersedes` names the entry of the same enrollment this one follows (unique:
 * two writers cannot both move an enrollment on from the same counted state). See ADR 0017.
 */
export const listLedgerEntrySchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    programInstanceId: { type: String, required: true },
    /** Instance id + `floor(pos / 100)`: the tail of the ledger is read a block at a time, by equality. */
    ledgerBlock: { type: String, required: true },
    pos: { type: Number, required: true },
    creations: { type: Number, required: true },
    enrollmentId: { type: String, required: true },
    seq: { type: Number, required: true },
    supersedes: { type: String, required: true },
    position: { type: Number, required: true },
    createdAt: { type: String, required: true },
    from: Schema.Types.Mixed,
    to: Schema.Types.Mixed,
  },
  schemaOptions('enrollment_list_ledger'),
);
listLedgerEntrySchema.index({ supersedes: 1 }, { unique: true });
listLedgerEntrySchema.index({ ledgerBlock: 1 });
listLedgerEntrySchema.index({ enrollmentId: 1 });

/**
 * `enrollment_list_counts`: one per instance, the ledger folded through `through`, so that a reader folds only the
 * entries after it. Written plainly by whoever folded far enough: any copy is the same fold of the same entries.
 */
export const listCountsSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    through: { type: Number, required: true },
    creations: { type: Number, required: true },
    /** The counts as JSON: their keys are statuses and tags, which a document's field names could not all hold. */
    counts: { type: String, required: true },
  },
  schemaOptions('enrollment_list_counts'),
);

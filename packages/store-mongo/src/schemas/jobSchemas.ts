import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `jobs`: `_id` is the job id (for a keyed job, derived from its key: the insert is the guard). Workers find open ones by `open`. */
export const jobSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    programInstanceId: String,
    key: String,
    open: Boolean,
    status: String,
    createdAt: String,
  },
  schemaOptions('jobs'),
);
jobSchema.index({ open: 1 });
jobSchema.index({ workspaceId: 1, programInstanceId: 1, key: 1 });

/** `job_chunks`: a job's staged rows, `_id` `<jobId>:<index>` (so a resent upload's chunk is a duplicate), dropped when the job ends. */
export const jobChunkSchema: Schema = new Schema(
  { _id: { type: String, required: true }, workspaceId: { type: String, required: true }, jobId: String, index: Number, firstRow: Number, rows: [String], lines: [Number] },
  schemaOptions('job_chunks'),
);
jobChunkSchema.index({ jobId: 1 });

/** `job_results`: what each chunk came to, `_id` `<jobId>:<index>`: inserted once, so no chunk is counted twice. */
export const jobResultSchema: Schema = new Schema(
  { _id: { type: String, required: true }, workspaceId: { type: String, required: true }, jobId: String, index: Number, rows: Number, counts: Schema.Types.Mixed, errors: Schema.Types.Mixed, processedAt: String },
  { ...schemaOptions('job_results'), suppressReservedKeysWarning: true },
);
jobResultSchema.index({ jobId: 1 });

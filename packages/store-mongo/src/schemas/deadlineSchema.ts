import { Schema } from 'mongoose';
import { DEADLINE_KEY_FIELDS } from '@flexroll/core';
import { schemaOptions } from './schemaOptions.js';

/**
 * `deadlines`: the overdue queue (issue 20), one document per deadline, `_id` its id. Besides the record, each
 * carries its bucket keys (`deadlineKeysOf`: the year, month and day of its `expectedAt` within its instance's and its
 * workspace's open or closed group, and while due, its actionable keys), never read back: a list walks them by
 * equality, the one query FerretDB v1 pushes down.
 */
export const deadlineSchema: Schema = new Schema(
  {
    _id: { type: String, required: true },
    workspaceId: { type: String, required: true },
    programInstanceId: String,
    enrollmentId: String,
    participationId: String,
    seq: Number,
    status: String,
    ...Object.fromEntries(DEADLINE_KEY_FIELDS.map((field) => [field, String])),
  },
  schemaOptions('deadlines'),
);
for (const field of DEADLINE_KEY_FIELDS) deadlineSchema.index({ [field]: 1 });

import { Schema } from 'mongoose';
import { schemaOptions } from './schemaOptions.js';

/** `eligibility_rule_versions`: every saved version of an instance's rules; `(programInstanceId, version)` is unique, the guard of concurrent saves. */
export const eligibilityRuleVersionSchema: Schema = new Schema(
  {
    workspaceId: { type: String, required: true },
    programInstanceId: { type: String, required: true },
    version: { type: Number, required: true },
    rules: Schema.Types.Mixed,
    savedAt: String,
    savedBy: Schema.Types.Mixed,
  },
  schemaOptions('eligibility_rule_versions'),
);
eligibilityRuleVersionSchema.index({ programInstanceId: 1, version: 1 }, { unique: true });

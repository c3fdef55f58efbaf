import type { EligibilityRuleRepository, EligibilityRuleVersion, InsertResult } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertManyUnique } from '../documents/insertManyUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** Versions of eligibility rules: inserted once each (unique per instance and version), read by equality. */
export class MongoEligibilityRuleRepository implements EligibilityRuleRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  async insert(version: EligibilityRuleVersion): Promise<InsertResult> {
    const [result] = await insertManyUnique(this.model, [toDocument(version)]);
    return result!;
  }

  async get(workspaceId: string, programInstanceId: string, version: number): Promise<EligibilityRuleVersion | undefined> {
    const document = await this.model.findOne({ programInstanceId, version, workspaceId }).lean();
    return document === null ? undefined : fromDocument<EligibilityRuleVersion>(document, 'none');
  }
}

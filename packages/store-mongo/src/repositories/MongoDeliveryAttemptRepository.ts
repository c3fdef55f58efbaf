import type { DeliveryAttempt, DeliveryAttemptRepository, InsertResult } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** Attempts: the unique `(subjectId, attempt)` index makes claiming one atomic, on MongoDB and FerretDB alike. */
export class MongoDeliveryAttemptRepository implements DeliveryAttemptRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  claim(attempt: DeliveryAttempt): Promise<InsertResult> {
    return insertUnique(this.model, toDocument(attempt));
  }

  async listForSubject(workspaceId: string, subjectId: string): Promise<readonly DeliveryAttempt[]> {
    const attempts = (await this.model.find({ subjectId, workspaceId }).lean()).map((document) => fromDocument<DeliveryAttempt>(document));
    return attempts.sort((a, b) => a.attempt - b.attempt);
  }

  async replace(attempt: DeliveryAttempt): Promise<void> {
    await this.model.replaceOne({ _id: attempt.id, workspaceId: attempt.workspaceId }, toDocument(attempt));
  }

  async renew(attempt: DeliveryAttempt, leaseExpiresAt: string): Promise<void> {
    // `$set` of the one field, by the attempt's own id: an `abandoned` written meanwhile by a taker stays.
    await this.model.updateOne({ _id: attempt.id, workspaceId: attempt.workspaceId }, { $set: { leaseExpiresAt } });
  }

  async remove(attempt: DeliveryAttempt): Promise<void> {
    await this.model.deleteOne({ _id: attempt.id, workspaceId: attempt.workspaceId });
  }
}

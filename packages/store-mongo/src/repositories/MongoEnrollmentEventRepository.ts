import type { EnrollmentEvent, EnrollmentEventRepository, EventFilter, InsertResult, Page, PageRequest } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';
import { eventQuery } from '../queries/eventQuery.js';
import { findPage } from '../queries/findPage.js';

/** The append-only log. The unique `(enrollmentId, seq)` index decides which of two racing writers wins. */
export class MongoEnrollmentEventRepository implements EnrollmentEventRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(event: EnrollmentEvent): Promise<InsertResult> {
    return insertUnique(this.model, toDocument(event));
  }

  async listForEnrollment(workspaceId: string, enrollmentId: string, afterSeq: number): Promise<readonly EnrollmentEvent[]> {
    const documents = await this.model.find({ workspaceId, enrollmentId, seq: { $gt: afterSeq } }).sort({ seq: 1 }).lean();
    return documents.map((document) => fromDocument<EnrollmentEvent>(document));
  }

  list(workspaceId: string, filter: EventFilter, page: PageRequest): Promise<Page<EnrollmentEvent>> {
    return findPage<EnrollmentEvent>(this.model, eventQuery(workspaceId, filter), { occurredAt: 1, enrollmentId: 1, seq: 1 }, page);
  }

  async enrollmentIdsWithEventsSince(workspaceId: string, since: string): Promise<readonly string[]> {
    const ids: unknown[] = await this.model.distinct('enrollmentId', { workspaceId, occurredAt: { $gte: since } });
    return ids.map(String).sort();
  }
}

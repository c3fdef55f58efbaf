import type { Session, SessionRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertNew } from '../documents/insertNew.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** Members' sessions; `tokenHash` is unique, and the lookup by it is the one not scoped by workspace. */
export class MongoSessionRepository implements SessionRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(session: Session): Promise<void> {
    return insertNew(this.model, toDocument(session), 'Session');
  }

  async findByTokenHash(tokenHash: string): Promise<Session | undefined> {
    const document = await this.model.findOne({ tokenHash }).lean();
    return document === null ? undefined : fromDocument<Session>(document);
  }

  async touch(workspaceId: string, id: string, lastSeenAt: string): Promise<void> {
    await this.model.updateOne({ _id: id, workspaceId }, { $set: { lastSeenAt } });
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    await this.model.deleteOne({ _id: id, workspaceId });
  }

  async deleteForMember(workspaceId: string, memberId: string, exceptId?: string): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ workspaceId, memberId, ...(exceptId === undefined ? {} : { _id: { $ne: exceptId } }) });
    return deletedCount;
  }

  async deleteExpired(now: string): Promise<number> {
    // A sweep over every session, run rarely: FerretDB v1 pushes no range down, and sessions are few (one per person signed in).
    const { deletedCount } = await this.model.deleteMany({ expiresAt: { $lte: now } });
    return deletedCount;
  }
}

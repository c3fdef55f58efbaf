import type { MemberRecord, MemberRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertNew } from '../documents/insertNew.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** Workspace members; `(workspaceId, email)` is unique, and the lookups by e-mail and invitation hash are not scoped by workspace. */
export class MongoMemberRepository implements MemberRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(member: MemberRecord): Promise<void> {
    return insertNew(this.model, toDocument(member), 'Member');
  }

  async get(workspaceId: string, id: string): Promise<MemberRecord | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromDocument<MemberRecord>(document);
  }

  async findByEmail(email: string): Promise<readonly MemberRecord[]> {
    // A handful at most (one per workspace the person belongs to): sorted here, since FerretDB v1 sorts nothing in the index.
    const documents = await this.model.find({ email }).lean();
    return documents.map((document) => fromDocument<MemberRecord>(document)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async findByInvitationHash(tokenHash: string): Promise<MemberRecord | undefined> {
    const document = await this.model.findOne({ invitationTokenHash: tokenHash }).lean();
    return document === null ? undefined : fromDocument<MemberRecord>(document);
  }

  async list(workspaceId: string): Promise<readonly MemberRecord[]> {
    const documents = await this.model.find({ workspaceId }).lean();
    return documents.map((document) => fromDocument<MemberRecord>(document)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async replace(member: MemberRecord): Promise<void> {
    const { _id, ...fields } = toDocument(member);
    await this.model.replaceOne({ _id, workspaceId: member.workspaceId }, fields);
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    await this.model.deleteOne({ _id: id, workspaceId });
  }
}

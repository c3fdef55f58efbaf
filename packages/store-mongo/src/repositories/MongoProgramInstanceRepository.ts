import type { Page, PageRequest, ProgramInstance, ProgramInstanceRepository } from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertNew } from '../documents/insertNew.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';
import { findPage } from '../queries/findPage.js';

/** A workspace's program instances. */
export class MongoProgramInstanceRepository implements ProgramInstanceRepository {
  constructor(private readonly model: Model<StoredDocument>) {}

  insert(instance: ProgramInstance): Promise<void> {
    return insertNew(this.model, toDocument(instance), 'Program instance');
  }

  async get(workspaceId: string, id: string): Promise<ProgramInstance | undefined> {
    const document = await this.model.findOne({ _id: id, workspaceId }).lean();
    return document === null ? undefined : fromDocument<ProgramInstance>(document);
  }

  list(workspaceId: string, page: PageRequest): Promise<Page<ProgramInstance>> {
    return findPage<ProgramInstance>(this.model, { workspaceId }, { createdAt: 1, _id: 1 }, page);
  }

  async findAnywhere(id: string): Promise<ProgramInstance | undefined> {
    const document = await this.model.findOne({ _id: id }).lean();
    return document === null ? undefined : fromDocument<ProgramInstance>(document);
  }

  /** Replaces the instance within its workspace (an instance of another workspace with this id is a conflict). */
  async replace(instance: ProgramInstance): Promise<void> {
    await this.model.replaceOne({ _id: instance.id, workspaceId: instance.workspaceId }, toDocument(instance), { upsert: true });
  }
}

import {
  type EventFilter, type EventKey, eventWalkStart, type InsertResult, type ListWindow, walkWorkspaceEvents, type WindowRequest, type WorkspaceEvent,
  type WorkspaceEventRepository, workspaceEventSecondOf,
} from '@flexroll/core';
import type { Model } from 'mongoose';
import { fromDocument } from '../documents/fromDocument.js';
import { insertUnique } from '../documents/insertUnique.js';
import { ListBucketIndex } from '../documents/ListBucketIndex.js';
import type { StoredDocument } from '../documents/StoredDocument.js';
import { toDocument } from '../documents/toDocument.js';

/** The scope of a workspace's workspace-level list in `list_buckets`. */
const scopeOf = (workspaceId: string) => `workspace-events:${workspaceId}`;

/**
 * The workspace-level events. Each is stored with its list bucket beside it, whose second is put in the list's index
 * before the event is stored (ADR 0021), so a walk reads one equality per non-empty second it needs.
 */
export class MongoWorkspaceEventRepository implements WorkspaceEventRepository {
  readonly #buckets: ListBucketIndex;

  constructor(private readonly model: Model<StoredDocument>, buckets: Model<StoredDocument>) {
    this.#buckets = new ListBucketIndex(buckets);
  }

  async insert(event: WorkspaceEvent): Promise<InsertResult> {
    const second = workspaceEventSecondOf(event);
    await this.#buckets.ensure(scopeOf(event.workspaceId), [second]);
    return insertUnique(this.model, { ...toDocument(event), listBucket: ListBucketIndex.keyOf(scopeOf(event.workspaceId), second) });
  }

  async list(workspaceId: string, filter: EventFilter, request: WindowRequest<EventKey>): Promise<ListWindow<WorkspaceEvent, EventKey>> {
    return walkWorkspaceEvents(filter, request, this.#listBuckets(workspaceId, eventWalkStart(filter, request.after)));
  }

  async *#listBuckets(workspaceId: string, start: string | undefined): AsyncGenerator<readonly WorkspaceEvent[]> {
    const scope = scopeOf(workspaceId);
    for await (const second of this.#buckets.seconds(scope, start)) {
      const documents = await this.model.find({ listBucket: ListBucketIndex.keyOf(scope, second) }).lean();
      yield documents.map((document) => {
        const { listBucket: _bucket, ...event } = fromDocument<WorkspaceEvent & { listBucket?: string }>(document);
        return event;
      });
    }
  }
}

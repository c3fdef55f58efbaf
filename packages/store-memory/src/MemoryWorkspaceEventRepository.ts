import {
  type EventFilter, type EventKey, eventWalkStart, type InsertResult, type ListWindow, walkWorkspaceEvents, type WindowRequest, type WorkspaceEvent,
  type WorkspaceEventRepository, workspaceEventSecondOf,
} from '@flexroll/core';
import { frozenCopy } from './frozenCopy.js';
import { tick } from './MemoryTable.js';
import { SecondBuckets } from './SecondBuckets.js';

/** The embedded store's workspace-level events: each workspace's by the second they occurred in (ADR 0021). */
export class MemoryWorkspaceEventRepository implements WorkspaceEventRepository {
  readonly #ids = new Set<string>();
  readonly #listed = new Map<string, SecondBuckets<WorkspaceEvent>>();

  async insert(event: WorkspaceEvent): Promise<InsertResult> {
    await tick();
    if (this.#ids.has(event.id)) return 'duplicate';
    this.#ids.add(event.id);
    let buckets = this.#listed.get(event.workspaceId);
    if (buckets === undefined) this.#listed.set(event.workspaceId, (buckets = new SecondBuckets<WorkspaceEvent>()));
    buckets.add(workspaceEventSecondOf(event), frozenCopy(event));
    return 'inserted';
  }

  async list(workspaceId: string, filter: EventFilter, request: WindowRequest<EventKey>): Promise<ListWindow<WorkspaceEvent, EventKey>> {
    return walkWorkspaceEvents(filter, request, this.#buckets(workspaceId, eventWalkStart(filter, request.after)));
  }

  async *#buckets(workspaceId: string, start: string | undefined): AsyncGenerator<readonly WorkspaceEvent[]> {
    yield* this.#listed.get(workspaceId)?.from(start) ?? [];
  }
}

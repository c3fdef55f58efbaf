import type { InsertResult, ListWindow, WindowRequest } from '../../platform/index.js';
import type { EventKey } from '../eventListing.js';
import type { WorkspaceEvent } from '../WorkspaceEvent.js';
import type { EventFilter } from './EnrollmentEventRepository.js';

/** The workspace-level events, append-only. `id` is unique; a duplicate is reported, not thrown. */
export interface WorkspaceEventRepository {
  insert(event: WorkspaceEvent): Promise<InsertResult>;
  /**
   * A window of a workspace's workspace-level events in recording order: stores hand the seconds they fall in, from
   * the walk's start, to `walkWorkspaceEvents`, so a window costs what it returns (ADR 0021).
   */
  list(workspaceId: string, filter: EventFilter, request: WindowRequest<EventKey>): Promise<ListWindow<WorkspaceEvent, EventKey>>;
}

import type { Workspace } from '../Workspace.js';

export interface WorkspaceRepository {
  insert(workspace: Workspace): Promise<void>;
  get(id: string): Promise<Workspace | undefined>;
  /** Every workspace, oldest first; used by the scheduled sweeps and administrators only. */
  listAll(): Promise<readonly Workspace[]>;
}

import type { Page, PageRequest } from '../../platform/index.js';
import type { ProgramInstance } from '../ProgramInstance.js';

export interface ProgramInstanceRepository {
  insert(instance: ProgramInstance): Promise<void>;
  get(workspaceId: string, id: string): Promise<ProgramInstance | undefined>;
  list(workspaceId: string, page: PageRequest): Promise<Page<ProgramInstance>>;
  replace(instance: ProgramInstance): Promise<void>;
  /**
   * The instance with this id in whichever workspace holds it (ids are unique across workspaces): only for the
   * operator-webhook route, which has no API key to name a workspace and finds it from the instance.
   */
  findAnywhere(id: string): Promise<ProgramInstance | undefined>;
}

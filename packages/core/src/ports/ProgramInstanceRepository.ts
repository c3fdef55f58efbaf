import type { Page, PageRequest } from '../model/Page.js';
import type { ProgramInstance } from '../model/ProgramInstance.js';

export interface ProgramInstanceRepository {
  insert(instance: ProgramInstance): Promise<void>;
  get(workspaceId: string, id: string): Promise<ProgramInstance | undefined>;
  list(workspaceId: string, page: PageRequest): Promise<Page<ProgramInstance>>;
  replace(instance: ProgramInstance): Promise<void>;
}

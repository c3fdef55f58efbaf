import type { Page, PageRequest } from '../../platform/index.js';
import type { Program } from '../Program.js';

/** Programs are platform-wide, so this is the one repository without a workspace. */
export interface ProgramRepository {
  insert(program: Program): Promise<void>;
  get(id: string): Promise<Program | undefined>;
  list(page: PageRequest): Promise<Page<Program>>;
  replace(program: Program): Promise<void>;
}

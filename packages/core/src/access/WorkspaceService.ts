import { inject, injectable } from 'inversify';
import { InputError, NotFoundError } from '@flexroll/sdk';
import { type Clock, newPrefixedId, CORE_TOKENS, STORE_TOKENS } from '../platform/index.js';
import type { Workspace } from './Workspace.js';
import type { WorkspaceRepository } from './ports/WorkspaceRepository.js';

/** Tenants. Created by a platform administrator (`flexroll workspace create`). */
@injectable()
export class WorkspaceService {
  constructor(
    @inject(STORE_TOKENS.workspaces) private readonly workspaces: WorkspaceRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  async create(name: string): Promise<Workspace> {
    if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
      throw new InputError('name must be 1–200 characters', [{ field: '/name', rule: 'length', message: 'must be 1–200 characters' }]);
    }
    const workspace: Workspace = { id: newPrefixedId('ws'), name: name.trim(), createdAt: this.clock.now().toISOString() };
    await this.workspaces.insert(workspace);
    return workspace;
  }

  async get(id: string): Promise<Workspace> {
    const workspace = await this.workspaces.get(id);
    if (workspace === undefined) throw new NotFoundError('workspace', id);
    return workspace;
  }

  listAll(): Promise<readonly Workspace[]> {
    return this.workspaces.listAll();
  }
}

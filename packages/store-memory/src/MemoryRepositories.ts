import type {
  ApiKey,
  ApiKeyRepository,
  Claim,
  ClaimRepository,
  Customer,
  CustomerRepository,
  IdempotencyRecord,
  IdempotencyRepository,
  InsertResult,
  Lead,
  LeadRepository,
  Page,
  PageRequest,
  Program,
  ProgramInstance,
  ProgramInstanceRepository,
  ProgramRepository,
  StoredResponse,
  Workspace,
  WorkspaceRepository,
} from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { byKeys, paginate } from './paginate.js';

/** Rows of a workspace are keyed by workspace and id, so a foreign id simply is not there. */
const scoped = (workspaceId: string, id: string): string => `${workspaceId}/${id}`;
const expectInserted = (result: InsertResult, what: string): void => {
  if (result === 'duplicate') throw new Error(`${what} already exists`);
};

export class MemoryWorkspaceRepository implements WorkspaceRepository {
  readonly #table = new MemoryTable<Workspace>((row) => row.id);
  async insert(workspace: Workspace): Promise<void> {
    expectInserted(await this.#table.insert(workspace), `Workspace ${workspace.id}`);
  }
  get(id: string): Promise<Workspace | undefined> {
    return this.#table.get(id);
  }
  async listAll(): Promise<readonly Workspace[]> {
    return (await this.#table.find(() => true)).sort(byKeys((row) => row.createdAt, (row) => row.id));
  }
}

export class MemoryApiKeyRepository implements ApiKeyRepository {
  readonly #table = new MemoryTable<ApiKey>((row) => scoped(row.workspaceId, row.id), [(row) => row.secretHash]);
  async insert(key: ApiKey): Promise<void> {
    expectInserted(await this.#table.insert(key), `API key ${key.id}`);
  }
  async findBySecretHash(secretHash: string): Promise<ApiKey | undefined> {
    return (await this.#table.find((row) => row.secretHash === secretHash))[0];
  }
  get(workspaceId: string, id: string): Promise<ApiKey | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
  async list(workspaceId: string): Promise<readonly ApiKey[]> {
    return (await this.#table.find((row) => row.workspaceId === workspaceId)).sort(byKeys((row) => row.createdAt, (row) => row.id));
  }
  async markRevoked(workspaceId: string, id: string, revokedAt: string): Promise<void> {
    const key = await this.get(workspaceId, id);
    if (key !== undefined) await this.#table.put({ ...key, revokedAt });
  }
  async markUsed(workspaceId: string, id: string, usedAt: string): Promise<void> {
    const key = await this.get(workspaceId, id);
    if (key !== undefined) await this.#table.put({ ...key, lastUsedAt: usedAt });
  }
}

export class MemoryProgramRepository implements ProgramRepository {
  readonly #table = new MemoryTable<Program>((row) => row.id);
  async insert(program: Program): Promise<void> {
    expectInserted(await this.#table.insert(program), `Program ${program.id}`);
  }
  get(id: string): Promise<Program | undefined> {
    return this.#table.get(id);
  }
  async list(page: PageRequest): Promise<Page<Program>> {
    return paginate(await this.#table.find(() => true), byKeys((row) => row.createdAt, (row) => row.id), page);
  }
  replace(program: Program): Promise<void> {
    return this.#table.put(program);
  }
}

export class MemoryProgramInstanceRepository implements ProgramInstanceRepository {
  readonly #table = new MemoryTable<ProgramInstance>((row) => scoped(row.workspaceId, row.id));
  async insert(instance: ProgramInstance): Promise<void> {
    expectInserted(await this.#table.insert(instance), `Program instance ${instance.id}`);
  }
  get(workspaceId: string, id: string): Promise<ProgramInstance | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
  async list(workspaceId: string, page: PageRequest): Promise<Page<ProgramInstance>> {
    const rows = await this.#table.find((row) => row.workspaceId === workspaceId);
    return paginate(rows, byKeys((row) => row.createdAt, (row) => row.id), page);
  }
  replace(instance: ProgramInstance): Promise<void> {
    return this.#table.put(instance);
  }
}

export class MemoryCustomerRepository implements CustomerRepository {
  readonly #table = new MemoryTable<Customer>((row) => scoped(row.workspaceId, row.id));
  async insert(customer: Customer): Promise<void> {
    expectInserted(await this.#table.insert(customer), `Customer ${customer.id}`);
  }
  get(workspaceId: string, id: string): Promise<Customer | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
}

export class MemoryLeadRepository implements LeadRepository {
  readonly #table = new MemoryTable<Lead>((row) => scoped(row.workspaceId, row.id));
  async insert(lead: Lead): Promise<void> {
    expectInserted(await this.#table.insert(lead), `Lead ${lead.id}`);
  }
  get(workspaceId: string, id: string): Promise<Lead | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
}

export class MemoryClaimRepository implements ClaimRepository {
  readonly #table = new MemoryTable<Claim>((row) => scoped(row.workspaceId, row.key));
  claim(claim: Claim): Promise<InsertResult> {
    return this.#table.insert(claim);
  }
  get(workspaceId: string, key: string): Promise<Claim | undefined> {
    return this.#table.get(scoped(workspaceId, key));
  }
  async release(workspaceId: string, key: string, ownerId: string): Promise<void> {
    const claim = await this.get(workspaceId, key);
    if (claim?.ownerId === ownerId) await this.#table.delete(scoped(workspaceId, key));
  }
}

export class MemoryIdempotencyRepository implements IdempotencyRepository {
  readonly #table = new MemoryTable<IdempotencyRecord>((row) => scoped(row.workspaceId, row.key));
  reserve(record: IdempotencyRecord): Promise<InsertResult> {
    return this.#table.insert(record);
  }
  get(workspaceId: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.#table.get(scoped(workspaceId, key));
  }
  async complete(workspaceId: string, key: string, response: StoredResponse): Promise<void> {
    const record = await this.get(workspaceId, key);
    if (record !== undefined) await this.#table.put({ ...record, response });
  }
  async forget(workspaceId: string, key: string, fingerprint: string): Promise<void> {
    const record = await this.get(workspaceId, key);
    if (record?.fingerprint === fingerprint && record.response === undefined) await this.#table.delete(scoped(workspaceId, key));
  }
}

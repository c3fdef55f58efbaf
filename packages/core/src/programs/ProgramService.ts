import { inject, injectable } from 'inversify';
import { NotFoundError } from '@flexroll/sdk';
import { type Clock, prefixedIdFor, type Operation, type Page, type PageRequest, CORE_TOKENS, STORE_TOKENS, insertOnce } from '../platform/index.js';
import type { Program, Provider } from './Program.js';
import type { ProgramRepository } from './ports/ProgramRepository.js';

export interface CreateProgramInput {
  readonly name: string;
  readonly description?: string;
  readonly learnMoreUrl?: string;
  readonly provider: Omit<Provider, 'id'> & { readonly id?: string };
}

/** Programs: platform-wide offerings, written only by platform administrators, read by every workspace. */
@injectable()
export class ProgramService {
  constructor(
    @inject(STORE_TOKENS.programs) private readonly programs: ProgramRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** Within an idempotent request (`operation`) the ids are derived from it, so a retry finds a program already made. */
  async create(input: CreateProgramInput, operation?: Operation): Promise<Program> {
    const now = this.clock.now().toISOString();
    const program: Program = {
      ...input,
      id: prefixedIdFor(operation, 'vpr'),
      provider: { ...input.provider, id: input.provider.id ?? prefixedIdFor(operation, 'prv') },
      createdAt: now,
      updatedAt: now,
    };
    return insertOnce(operation, program, (record) => this.programs.insert(record), () => this.programs.get(program.id));
  }

  async get(id: string): Promise<Program> {
    const program = await this.programs.get(id);
    if (program === undefined) throw new NotFoundError('program', id);
    return program;
  }

  list(page: PageRequest): Promise<Page<Program>> {
    return this.programs.list(page);
  }
}

import { inject, injectable } from 'inversify';
import { NotFoundError } from '@flexroll/sdk';
import type { Clock } from '../clock/Clock.js';
import { newPrefixedId } from '../ids/ids.js';
import type { Page, PageRequest } from '../model/Page.js';
import type { Program, Provider } from '../model/Program.js';
import type { ProgramRepository } from '../ports/ProgramRepository.js';
import { CORE_TOKENS, STORE_TOKENS } from '../tokens.js';

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

  async create(input: CreateProgramInput): Promise<Program> {
    const now = this.clock.now().toISOString();
    const program: Program = {
      ...input,
      id: newPrefixedId('vpr'),
      provider: { ...input.provider, id: input.provider.id ?? newPrefixedId('prv') },
      createdAt: now,
      updatedAt: now,
    };
    await this.programs.insert(program);
    return program;
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

import type { Enrollment, EnrollmentFilter, EnrollmentProjectionRepository, Page, PageRequest } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { scoped } from './memoryKeys.js';
import { byKeys, paginate } from './paginate.js';

/** Enrollment projections in memory, found by id or by participation; a save never replaces a copy with a higher `seq`. */
export class MemoryEnrollmentRepository implements EnrollmentProjectionRepository {
  readonly #table = new MemoryTable<Enrollment>((row) => scoped(row.workspaceId, row.id));
  /** Participation id → enrollment id, per workspace: a participation never changes hands. */
  readonly #holders = new Map<string, string>();

  async save(enrollment: Enrollment): Promise<void> {
    // The core builds a new projection for every change and never changes it afterwards, so it is kept as it is, frozen.
    const saved = await this.#table.putUnless(enrollment, (stored) => stored.seq >= enrollment.seq, { adopt: true });
    if (saved && enrollment.participation !== undefined) this.#holders.set(scoped(enrollment.workspaceId, enrollment.participation.id), enrollment.id);
  }

  get(workspaceId: string, id: string): Promise<Enrollment | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }

  async findByParticipationId(workspaceId: string, participationId: string): Promise<Enrollment | undefined> {
    const holder = this.#holders.get(scoped(workspaceId, participationId));
    return holder === undefined ? undefined : this.#table.get(scoped(workspaceId, holder));
  }

  async list(workspaceId: string, filter: EnrollmentFilter, page: PageRequest): Promise<Page<Enrollment>> {
    const rows = await this.#table.find((row) => row.workspaceId === workspaceId && matches(row, filter));
    return paginate(rows, byKeys((row) => row.createdAt, (row) => row.id), page);
  }
}

function matches(row: Enrollment, filter: EnrollmentFilter): boolean {
  const participation = row.participation;
  return (
    (filter.includeDeleted === true || row.deletedAt === undefined) &&
    (filter.programInstanceId === undefined || row.programInstanceId === filter.programInstanceId) &&
    (filter.statuses === undefined || filter.statuses.includes(row.eligibility.status)) &&
    (filter.tags === undefined || filter.tags.every((tag) => row.tags?.includes(tag) === true)) &&
    (filter.referenceId === undefined || row.referenceId === filter.referenceId) &&
    (filter.createdFrom === undefined || row.createdAt >= filter.createdFrom) &&
    (filter.createdTo === undefined || row.createdAt <= filter.createdTo) &&
    (filter.updatedFrom === undefined || row.updatedAt >= filter.updatedFrom) &&
    (filter.updatedTo === undefined || row.updatedAt <= filter.updatedTo) &&
    (filter.participationStates === undefined || (participation !== undefined && filter.participationStates.includes(participation.state))) &&
    (filter.participationId === undefined || participation?.id === filter.participationId)
  );
}

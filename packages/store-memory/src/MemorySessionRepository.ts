import type { Session, SessionRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { expectInserted, scoped } from './memoryKeys.js';

/** The embedded store's SessionRepository: rows in a {@link MemoryTable}, found by id or by token hash. */
export class MemorySessionRepository implements SessionRepository {
  readonly #table = new MemoryTable<Session>((row) => scoped(row.workspaceId, row.id), [(row) => row.tokenHash]);

  async insert(session: Session): Promise<void> {
    expectInserted(await this.#table.insert(session), `Session ${session.id}`);
  }
  findByTokenHash(tokenHash: string): Promise<Session | undefined> {
    return this.#table.getByUnique(0, tokenHash);
  }
  async touch(workspaceId: string, id: string, lastSeenAt: string): Promise<void> {
    await this.#table.updateIf(scoped(workspaceId, id), () => true, (stored) => ({ ...stored, lastSeenAt }));
  }
  async delete(workspaceId: string, id: string): Promise<void> {
    await this.#table.delete(scoped(workspaceId, id));
  }
  deleteForMember(workspaceId: string, memberId: string, exceptId?: string): Promise<number> {
    return this.#table.deleteWhere((row) => row.workspaceId === workspaceId && row.memberId === memberId && row.id !== exceptId);
  }
  deleteExpired(now: string): Promise<number> {
    return this.#table.deleteWhere((row) => row.expiresAt <= now);
  }
}

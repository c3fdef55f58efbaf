import type { MemberRecord, MemberRepository } from '@flexroll/core';
import { MemoryTable } from './MemoryTable.js';
import { byKeys } from './paginate.js';
import { expectInserted, scoped } from './memoryKeys.js';

/**
 * The embedded store's MemberRepository. The e-mail is unique per workspace (a member's e-mail never changes); the
 * lookups by e-mail and by invitation hash walk the table, which holds people (tens per workspace), not enrollments.
 */
export class MemoryMemberRepository implements MemberRepository {
  readonly #table = new MemoryTable<MemberRecord>((row) => scoped(row.workspaceId, row.id), [(row) => scoped(row.workspaceId, row.email)]);

  async insert(member: MemberRecord): Promise<void> {
    expectInserted(await this.#table.insert(member), `A member with the id or e-mail of ${member.id}`);
  }
  get(workspaceId: string, id: string): Promise<MemberRecord | undefined> {
    return this.#table.get(scoped(workspaceId, id));
  }
  async findByEmail(email: string): Promise<readonly MemberRecord[]> {
    return (await this.#table.find((row) => row.email === email)).sort(byKeys((row) => row.createdAt, (row) => row.id));
  }
  async findByInvitationHash(tokenHash: string): Promise<MemberRecord | undefined> {
    return (await this.#table.find((row) => row.invitationTokenHash === tokenHash))[0];
  }
  async list(workspaceId: string): Promise<readonly MemberRecord[]> {
    return (await this.#table.find((row) => row.workspaceId === workspaceId)).sort(byKeys((row) => row.createdAt, (row) => row.id));
  }
  async replace(member: MemberRecord): Promise<void> {
    await this.#table.updateIf(scoped(member.workspaceId, member.id), () => true, () => member);
  }
  async delete(workspaceId: string, id: string): Promise<void> {
    await this.#table.delete(scoped(workspaceId, id));
  }
}

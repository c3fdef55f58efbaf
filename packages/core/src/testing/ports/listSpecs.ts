import { expect } from 'chai';
import type { EnrollmentStatus, ParticipationState } from '@flexroll/sdk';
import type { Enrollment, EnrollmentFilter } from '../../index.js';
import { matchesEnrollmentFilter, type Deadline, type DeadlineStatus } from '../../enrollments/index.js';
import { dueDeadlinesOf } from '../../summary/index.js';
import { at, enrollment, participation } from './fixtures.js';
import type { SpecPorts } from './SpecPorts.js';

const INSTANCE = 'cllgn0u4r000008l7eazybfbo';
const STATUSES: readonly EnrollmentStatus[] = ['candidate', 'eligible', 'ineligible', 'submitted', 'approved', 'rejected', 'unenrolled'];
const TAGS = ['tag1', 'tag2', 'even', 'vip'];

/**
 * An instance's list read through its counts (ADR 0017), checked against the plain answer — every saved copy
 * filtered and cut in creation order — after creations in bulk and one by one, status, tag and deletion changes,
 * racing writers, saves run twice (a crash's re-drive), stale saves, and readers that are other processes.
 */
export function listSpecs(ports: () => SpecPorts): void {
  /** What the list must answer: the newest copy of each enrollment, in the order they were first saved. */
  class Expected {
    readonly order: string[] = [];
    readonly newest = new Map<string, Enrollment>();
    saw(row: Enrollment): void {
      if (!this.newest.has(row.id)) this.order.push(row.id);
      if ((this.newest.get(row.id)?.seq ?? 0) < row.seq) this.newest.set(row.id, row);
    }
    page(filter: EnrollmentFilter, page: number, perPage: number): { ids: string[]; totalItems: number } {
      const rows = this.order.map((id) => this.newest.get(id)!).filter((row) => matchesEnrollmentFilter(row, filter));
      return { ids: rows.slice((page - 1) * perPage, page * perPage).map((row) => row.id), totalItems: rows.length };
    }
  }

  async function expectPages(workspaceId: string, expected: Expected, filter: EnrollmentFilter, perPage: number): Promise<void> {
    const total = expected.page(filter, 1, perPage).totalItems;
    for (let page = 1; page <= Math.max(1, Math.ceil(total / perPage)) + 1; page++) {
      const found = await ports().enrollments.list(workspaceId, { ...filter, programInstanceId: INSTANCE }, { page, perPage });
      const want = expected.page(filter, page, perPage);
      expect({ filter, page, ids: found.data.map((row) => row.id), totalItems: found.totalItems, totalPages: found.totalPages })
        .to.deep.equal({ filter, page, ids: want.ids, totalItems: want.totalItems, totalPages: Math.ceil(want.totalItems / perPage) });
    }
  }

  const FILTERS: readonly EnrollmentFilter[] = [
    {}, { statuses: ['candidate'] }, { statuses: ['eligible', 'approved'] }, { tags: ['tag1'] }, { tags: ['tag1', 'even'] },
    { statuses: ['candidate'], tags: ['vip'] }, { includeDeleted: true }, { includeDeleted: true, statuses: ['unenrolled'] },
    { createdFrom: at(100), createdTo: at(180) }, { updatedFrom: at(1_000) },
  ];

  it('pages 250 enrollments created in bulk and one by one in creation order, totals from the counts', async () => {
    const ws = 'ws_list_pages';
    const expected = new Expected();
    const rows = Array.from({ length: 250 }, (_, n) => enrollment(ws, `enr_lp_${String(n).padStart(3, '0')}`, { createdAt: at(n), tags: n % 2 === 0 ? ['even', 'tag1'] : ['tag1'] }));
    await ports().enrollments.saveMany(rows.slice(0, 120));
    for (const row of rows.slice(120, 140)) await ports().enrollments.save(row);
    await ports().enrollments.saveMany(rows.slice(140));
    for (const row of rows) expected.saw(row);
    await expectPages(ws, expected, {}, 100);
    await expectPages(ws, expected, { tags: ['even'] }, 30);
    await expectPages(ws, expected, { createdFrom: at(95), createdTo: at(205) }, 40);
  });

  it('follows status, tag and deletion changes from several writers exactly, whatever the order of their saves', async function () {
    this.timeout(180_000);
    const ws = 'ws_list_changes';
    const expected = new Expected();
    const created = Array.from({ length: 120 }, (_, n) => enrollment(ws, `enr_lc_${String(n).padStart(3, '0')}`, { createdAt: at(n) }));
    await ports().enrollments.saveMany(created);
    for (const row of created) expected.saw(row);
    let random = 7;
    const next = (below: number): number => (random = (random * 1_103_515_245 + 12_345) % 2_147_483_648) % below;
    for (let round = 0; round < 2; round++) {
      // Every enrollment moves on; half of them twice, the second save racing the first one and written by another
      // process (a store opened again: for the MongoDB store, a ledger with nothing at hand). A store may keep the older
      // of two racing copies of one enrollment (FerretDB does not re-check `seq` as it writes); the log's next read
      // saves the newest again, as done here, and the counts must then agree with it.
      const writer = ports();
      const other = ports();
      const changes = created.map((row) => {
        const current = expected.newest.get(row.id)!;
        const moved: Enrollment = {
          ...current, seq: current.seq + 1, updatedAt: at(1_000 + round * 10 + next(10)),
          eligibility: { status: STATUSES[next(STATUSES.length)]! }, tags: TAGS.filter(() => next(2) === 0),
          ...(next(9) === 0 ? { deletedAt: at(2_000) } : {}),
        };
        return moved;
      });
      await Promise.all(changes.map(async (moved, index) => {
        const decidedOn = expected.newest.get(moved.id)!;
        if (index % 2 === 0) {
          const again = { ...moved, seq: moved.seq + 1, eligibility: { status: STATUSES[(index + round) % STATUSES.length]! } };
          await Promise.all([writer.enrollments.save(moved, { decidedOn }), other.enrollments.save(again)]);
          await ports().enrollments.save(again);
          expected.saw(moved);
          expected.saw(again);
        } else {
          await writer.enrollments.save(moved, { decidedOn });
          expected.saw(moved);
        }
      }));
      for (const filter of FILTERS) await expectPages(ws, expected, filter, 40);
    }
  });

  it('counts a save run again (a crash re-driven) or arriving late (a stale copy) once, and the newest copy only', async () => {
    const ws = 'ws_list_redrive';
    const first = enrollment(ws, 'enr_rd_1', { createdAt: at(1) });
    const second = enrollment(ws, 'enr_rd_2', { createdAt: at(2) });
    await ports().enrollments.save(first);
    await ports().enrollments.save(first);
    await ports().enrollments.saveMany([second]);
    await ports().enrollments.saveMany([second]);
    const approved = { ...first, seq: 3, eligibility: { status: 'approved' as const } };
    await ports().enrollments.save(approved);
    await ports().enrollments.save({ ...first, seq: 2, eligibility: { status: 'rejected' as const } });
    await ports().enrollments.save(approved);
    const expected = new Expected();
    for (const row of [first, second, approved]) expected.saw(row);
    for (const filter of [{}, { statuses: ['approved'] }, { statuses: ['rejected'] }, { statuses: ['candidate'] }] as EnrollmentFilter[]) await expectPages(ws, expected, filter, 10);
  });

  it('keeps the same instance id in two workspaces as two lists', async () => {
    const mine = enrollment('ws_list_mine', 'enr_list_mine', { eligibility: { status: 'eligible' } });
    const theirs = enrollment('ws_list_theirs', 'enr_list_theirs', { eligibility: { status: 'candidate' } });
    await Promise.all([ports().enrollments.save(mine), ports().enrollments.save(theirs)]);
    const page = await ports().enrollments.list('ws_list_mine', { programInstanceId: INSTANCE, statuses: ['candidate'] }, { page: 1, perPage: 10 });
    expect(page.totalItems).to.equal(0);
    const all = await ports().enrollments.list('ws_list_theirs', { programInstanceId: INSTANCE }, { page: 1, perPage: 10 });
    expect(all.data.map((row) => row.eligibility.status)).to.deep.equal(['candidate']);
  });

  it('selects a bulk job’s ids through the same counts', async () => {
    const ws = 'ws_list_ids';
    const rows = Array.from({ length: 130 }, (_, n) => enrollment(ws, `enr_li_${n}`, { eligibility: { status: n % 13 === 0 ? 'eligible' : 'candidate' }, referenceId: `REF-${n}` }));
    await ports().enrollments.saveMany(rows);
    const eligible = await ports().enrollments.listIds(ws, { programInstanceId: INSTANCE, statuses: ['eligible'] });
    expect([...eligible].sort()).to.deep.equal(rows.filter((_, n) => n % 13 === 0).map((row) => row.id).sort());
    const referenced = await ports().enrollments.listIds(ws, { programInstanceId: INSTANCE, referenceIds: ['REF-3', 'REF-99', 'REF-none'] });
    expect([...referenced].sort()).to.deep.equal(['enr_li_3', 'enr_li_99']);
  });

  it('pages sparse filters for small and large pages alike, reading a sparse span at once or only the blocks a page needs', async () => {
    const ws = 'ws_list_sparse';
    const expected = new Expected();
    // 1,200 enrollments in 12 blocks: 1 in 40 approved, 1 in 25 tagged vip (scattered), the rest candidates.
    const rows = Array.from({ length: 1_200 }, (_, n) => enrollment(ws, `enr_ls_${String(n).padStart(4, '0')}`, {
      createdAt: at(n), eligibility: { status: n % 40 === 7 ? 'approved' : 'candidate' }, tags: n % 25 === 3 ? ['vip', 'tag1'] : ['tag1'],
    }));
    await ports().enrollments.saveMany(rows);
    for (const row of rows) expected.saw(row);
    // A few move after creation, so that blocks hold their matches unevenly.
    for (const row of rows.filter((_, n) => n % 97 === 5)) {
      const moved: Enrollment = { ...row, seq: 2, updatedAt: at(5_000), eligibility: { status: 'approved' }, tags: ['vip'] };
      await ports().enrollments.save(moved, { decidedOn: row });
      expected.saw(moved);
    }
    for (const perPage of [3, 7, 20, 100]) {
      for (const filter of [{ statuses: ['approved'] }, { tags: ['vip'] }, { statuses: ['approved'], tags: ['vip'] }, { statuses: ['approved', 'eligible'] }] satisfies EnrollmentFilter[]) {
        await expectPages(ws, expected, filter, perPage);
      }
    }
  });

  it('counts each live enrollment’s due deadline (due soon or missed) by party: the home’s counts follow announcements, closes and deletion', async () => {
    const ws = 'ws_list_deadlines';
    const open = (n: number, status: DeadlineStatus): Deadline => ({
      id: `dl_ld_${n}`, state: 'AWAITING_CONSENT', enteredAt: at(0), expectedAt: at(600), dueSoonAt: at(300), waitingOn: n % 2 === 0 ? 'customer' : 'operator',
      alerts: true, status, announced: status === 'missed' ? { dueSoon: at(300), missed: at(600) } : status === 'due_soon' ? { dueSoon: at(300) } : {},
    });
    const STATUSES_OF: readonly DeadlineStatus[] = ['pending', 'due_soon', 'missed', 'missed', 'due_soon', 'pending'];
    const rows = Array.from({ length: 12 }, (_, n) => enrollment(ws, `enr_ld_${String(n).padStart(2, '0')}`, {
      createdAt: at(n),
      ...(n >= 10 ? {} : { participation: participation({ id: `vpp_ld_${n}`, state: 'AWAITING_CONSENT', deadlines: { open: open(n, STATUSES_OF[n % STATUSES_OF.length]!) } }) }),
    }));
    await ports().enrollments.saveMany(rows.slice(0, 6));
    for (const row of rows.slice(6)) await ports().enrollments.save(row);
    const due = async () => dueDeadlinesOf(await ports().enrollments.listCounts(ws, INSTANCE));
    // n: 0 pending, 1 due_soon (operator), 2 missed (customer), 3 missed (operator), 4 due_soon (customer), 5 pending,
    // 6 pending, 7 due_soon (operator), 8 missed (customer), 9 missed (operator).
    expect(await due()).to.deep.equal({
      actionable: { customer: 3, operator: 4, workspace: 0, platform: 0 }, missed: { customer: 2, operator: 2, workspace: 0, platform: 0 },
    });
    const move = async (n: number, change: (row: Enrollment) => Partial<Enrollment>) => {
      const row = rows[n]!;
      const moved = { ...row, seq: row.seq + 1, ...change(row) };
      await ports().enrollments.save(moved, { decidedOn: row });
      rows[n] = moved;
    };
    const withOpen = (row: Enrollment, deadline: Deadline | undefined): Partial<Enrollment> => ({
      participation: { ...row.participation!, deadlines: deadline === undefined ? { last: { ...row.participation!.deadlines!.open!, status: 'met_late', closedAt: at(700) } } : { open: deadline } },
    });
    await move(0, (row) => withOpen(row, open(0, 'due_soon')));
    await move(4, (row) => withOpen(row, open(4, 'missed')));
    await move(3, (row) => withOpen(row, undefined));
    await move(8, () => ({ deletedAt: at(800) }));
    await move(6, () => ({ tags: ['renamed'] }));
    expect(await due(), 'an announcement, a miss, a close, a deletion, and a save that keeps the deadline').to.deep.equal({
      actionable: { customer: 3, operator: 3, workspace: 0, platform: 0 }, missed: { customer: 2, operator: 1, workspace: 0, platform: 0 },
    });
    // The due deadlines are counted as tags no client can filter on, and pages by the client's tags are unchanged.
    const renamed = await ports().enrollments.list(ws, { programInstanceId: INSTANCE, tags: ['renamed'] }, { page: 1, perPage: 10 });
    expect(renamed.data.map((row) => row.id)).to.deep.equal(['enr_ld_06']);
  });

  it('filters by participation state (counted), text search, manufacturer and postal code prefix (looked up by key) and by ids, as the plain answer does, through changes', async () => {
    const ws = 'ws_list_console';
    const expected = new Expected();
    const STATES: readonly ParticipationState[] = ['AWAITING_CONSENT', 'AWAITING_TELEMETRY', 'ACTIVE'];
    const NAMES = [['Zoë', 'Müller'], ['Zoe', 'Miller'], ['Jane', 'Doe'], ['Jean-Luc', 'Dö']] as const;
    const person = (n: number): Partial<Enrollment> => {
      const [firstName, lastName] = NAMES[n % NAMES.length]!;
      return {
        firstName, lastName, email: `${firstName.toLowerCase()}.${n}@example.com`, referenceId: `REF-${n}`,
        manufacturerSlugs: [n % 3 === 0 ? 'Tesla' : 'enphase'],
        address: { streetOne: '1 Main St', city: 'Town', state: 'CA', postalCode: n % 2 === 0 ? `9410${n % 10}` : `SW1A ${n % 10}AA`, country: 'US' },
        ...(n % 5 === 4 ? {} : { participation: participation({ id: `vpp_lc_${n}`, state: STATES[n % STATES.length]! }) }),
      };
    };
    const rows = Array.from({ length: 140 }, (_, n) => enrollment(ws, `enr_lk_${String(n).padStart(3, '0')}`, { createdAt: at(n), ...person(n) }));
    await ports().enrollments.saveMany(rows.slice(0, 100));
    for (const row of rows.slice(100)) await ports().enrollments.save(row);
    for (const row of rows) expected.saw(row);
    // Moves: states change (the counts follow), a name and a postal code change (the keys follow), some are deleted.
    for (const [index, row] of rows.entries()) {
      if (index % 4 !== 0) continue;
      const moved: Enrollment = {
        ...row, seq: row.seq + 1, updatedAt: at(1_000),
        ...(index % 8 === 0 ? { participation: participation({ id: `vpp_lc_${index}`, state: 'ACTIVE' }), lastName: 'Ångström' } : { address: { ...row.address!, postalCode: '10115' } }),
        ...(index % 24 === 0 ? { deletedAt: at(2_000) } : {}),
      };
      await ports().enrollments.save(moved, { decidedOn: row });
      expected.saw(moved);
    }
    const filters: EnrollmentFilter[] = [
      { participationStates: ['ACTIVE'] }, { participationStates: ['AWAITING_CONSENT', 'AWAITING_TELEMETRY'] }, { participationStates: ['ACTIVE'], statuses: ['candidate'] },
      { participationStates: ['ACTIVE'], tags: ['none'] }, { search: 'zoe' }, { search: 'ZOË MUL' }, { search: 'angstr' }, { search: 'example.com jane' }, { search: 'ref-1' },
      { search: 'nobody' }, { search: '--' }, { manufacturer: 'TESLA' }, { manufacturer: 'enphase', participationStates: ['ACTIVE'] }, { postalCodePrefix: '941' },
      { postalCodePrefix: 'sw1a' }, { postalCodePrefix: '10115' }, { postalCodePrefix: 'sw1a 3', search: 'zoe' },
      { enrollmentIds: ['enr_lk_003', 'enr_lk_008', 'enr_lk_077', 'enr_none'] }, { enrollmentIds: [] }, { enrollmentIds: ['enr_lk_005', 'enr_lk_009'], statuses: ['approved'] },
    ];
    for (const filter of filters) await expectPages(ws, expected, filter, 15);
    // Another workspace's enrollment is never found by id.
    const foreign = await ports().enrollments.list('ws_list_other', { programInstanceId: INSTANCE, enrollmentIds: ['enr_lk_003'] }, { page: 1, perPage: 10 });
    expect(foreign.totalItems).to.equal(0);
  });
}

import { expect } from 'chai';
import type { DerivedDeadlineRecord } from '../../deadlines/deadlineRecordsOf.js';
import type { DeadlineFilter, DeadlineKey, DeadlineScope } from '../../deadlines/deadlineListing.js';
import type { WindowRequest } from '../../platform/index.js';
import { at, T0 } from './fixtures.js';
import type { SpecPorts } from './SpecPorts.js';

const WS = 'ws_deadlines_a';
const INSTANCE = 'cinstancedeadlinesaaaaaaa';
const OTHER_INSTANCE = 'cinstancedeadlinesbbbbbbb';

/** A pending deadline of AWAITING_CONSENT, expected `expectedAt`; every field a store could mangle set. */
const record = (id: string, expectedAt: string | undefined, overrides: Partial<DerivedDeadlineRecord> = {}): DerivedDeadlineRecord => ({
  id, workspaceId: WS, programInstanceId: INSTANCE, enrollmentId: `cenrollment${id.padEnd(14, 'x')}`, participationId: `vpp_${id}`, seq: 3,
  state: 'AWAITING_CONSENT', enteredAt: T0, waitingOn: 'customer', alerts: true, status: 'pending', announced: {}, updatedAt: T0,
  ...(expectedAt === undefined ? { paused: { since: T0, remainingMs: 3_600_000 } } : { expectedAt, dueSoonAt: new Date(Date.parse(expectedAt) - 3_600_000).toISOString() }),
  ...overrides,
});

const NOW = '2025-03-10T00:00:00.000Z';
const filter = (overrides: Partial<DeadlineFilter> = {}): DeadlineFilter => ({ now: NOW, ...overrides });
const first = (take = 50, after?: DeadlineKey): WindowRequest<DeadlineKey> => ({ ...(after === undefined ? {} : { after }), skip: 0, take, scanLimit: 2000 });
const scope = (programInstanceId?: string): DeadlineScope => ({ workspaceId: WS, ...(programInstanceId === undefined ? {} : { programInstanceId }) });

/** The overdue queue's records (issue 20): copies written by id and `seq`, the queue's notes kept, lists by bucket. */
export function deadlineRecordSpecs(ports: () => SpecPorts): void {
  it('writes a copy by its id: again is a no-op, an older seq is ignored, a newer one replaces it, and the acknowledgement and snooze stay', async () => {
    const W = 'ws_deadlines_write';
    const copy = record('dl_write', at(60), { workspaceId: W });
    await ports().deadlines.write([copy]);
    await ports().deadlines.write([copy]);
    expect(await ports().deadlines.get(W, 'dl_write')).to.deep.equal(copy);
    const by = { type: 'api_key', id: 'key_ops' } as const;
    expect(await ports().deadlines.acknowledge(W, 'dl_write', { by, reason: 'called the customer', at: at(5) })).to.equal(true);
    expect(await ports().deadlines.snooze(W, 'dl_write', { by, reason: 'on holiday', until: at(600), at: at(6) })).to.equal(true);
    const missed = record('dl_write', at(60), { workspaceId: W, seq: 5, status: 'missed', announced: { missed: at(60) }, updatedAt: at(60) });
    await ports().deadlines.write([missed]);
    await ports().deadlines.write([record('dl_write', at(60), { workspaceId: W, seq: 4, status: 'due_soon', announced: { dueSoon: at(0) } })]);
    expect(await ports().deadlines.get(W, 'dl_write')).to.deep.equal({
      ...missed, acknowledgement: { by, reason: 'called the customer', at: at(5) }, snooze: { by, reason: 'on holiday', until: at(600), at: at(6) },
    });
    const resumed = record('dl_write', undefined, { workspaceId: W, seq: 6 });
    await ports().deadlines.write([resumed]);
    const stored = await ports().deadlines.get(W, 'dl_write');
    expect([stored?.expectedAt, stored?.dueSoonAt, stored?.paused, stored?.status], 'fields a newer copy no longer has are gone').to.deep.equal([undefined, undefined, { since: T0, remainingMs: 3_600_000 }, 'pending']);
    expect(await ports().deadlines.get('ws_deadlines_other', 'dl_write'), 'another workspace').to.equal(undefined);
    expect(await ports().deadlines.acknowledge('ws_deadlines_other', 'dl_write', { by, reason: 'x', at: at(7) }), 'another workspace').to.equal(false);
    expect(await ports().deadlines.snooze(W, 'dl_missing', { by, reason: 'x', until: at(600), at: at(7) })).to.equal(false);
  });

  it('lists a scope most overdue first across days, months and years, the paused last, and resumes after a position', async () => {
    const records = [
      record('dl_l_feb', '2025-02-27T10:00:00.000Z', { status: 'missed', waitingOn: 'operator', state: 'AWAITING_REGISTRATION' }),
      record('dl_l_dec', '2024-12-31T23:00:00.000Z', { status: 'missed' }),
      record('dl_l_mar_b', '2025-03-11T08:00:00.000Z', { status: 'due_soon' }),
      record('dl_l_mar_a', '2025-03-11T08:00:00.000Z'),
      record('dl_l_paused', undefined, { programInstanceId: OTHER_INSTANCE, waitingOn: 'operator' }),
      record('dl_l_closed', '2025-01-05T00:00:00.000Z', { status: 'met_late', closedAt: '2025-01-06T00:00:00.000Z' }),
      record('dl_l_next_year', '2026-01-02T00:00:00.000Z', { programInstanceId: OTHER_INSTANCE }),
    ];
    await ports().deadlines.write(records);
    const ids = async (request = first(), over = filter(), inScope = scope()) => (await ports().deadlines.list(inScope, over, request)).items.map((item) => item.id);
    expect(await ids()).to.deep.equal(['dl_l_dec', 'dl_l_feb', 'dl_l_mar_a', 'dl_l_mar_b', 'dl_l_next_year', 'dl_l_paused']);
    expect(await ids(first(), filter(), scope(INSTANCE)), 'one instance').to.deep.equal(['dl_l_dec', 'dl_l_feb', 'dl_l_mar_a', 'dl_l_mar_b']);
    expect(await ids(first(), filter({ statuses: ['met_late', 'missed'] }))).to.deep.equal(['dl_l_dec', 'dl_l_closed', 'dl_l_feb']);
    expect(await ids(first(), filter({ waitingOn: ['operator'] }))).to.deep.equal(['dl_l_feb', 'dl_l_paused']);
    expect(await ids(first(), filter({ states: ['AWAITING_REGISTRATION'] }))).to.deep.equal(['dl_l_feb']);
    expect(await ids(first(), filter({ expectedBy: '2025-03-01T00:00:00.000Z' })), 'overdue by more than 9 days').to.deep.equal(['dl_l_dec', 'dl_l_feb']);
    const page = await ports().deadlines.list(scope(), filter(), first(2));
    expect([page.items.map((item) => item.id), page.ended, page.resumeAfter]).to.deep.equal([['dl_l_dec', 'dl_l_feb'], false, ['2025-02-27T10:00:00.000Z', 'dl_l_feb']]);
    expect(await ids(first(3, page.resumeAfter))).to.deep.equal(['dl_l_mar_a', 'dl_l_mar_b', 'dl_l_next_year']);
    expect(await ids(first(3, ['~', 'dl_l_a']))).to.deep.equal(['dl_l_paused']);
    expect(await ids(first(), filter(), { workspaceId: 'ws_deadlines_other' }), 'another workspace').to.deep.equal([]);
  });

  it('moves a record between buckets as it closes, leaves snoozed ones out until their time, and counts only the actionable ones', async () => {
    const open = record('dl_m_open', '2025-03-05T00:00:00.000Z', { programInstanceId: 'cinstancedeadlinesccccccc', status: 'missed', waitingOn: 'operator' });
    const due = record('dl_m_due', '2025-03-10T06:00:00.000Z', { programInstanceId: 'cinstancedeadlinesccccccc', status: 'due_soon' });
    const pending = record('dl_m_pending', '2025-03-20T06:00:00.000Z', { programInstanceId: 'cinstancedeadlinesccccccc' });
    await ports().deadlines.write([open, due, pending]);
    const inScope = scope('cinstancedeadlinesccccccc');
    const counts = (over: DeadlineScope, at = NOW, includeSnoozed = false) => ports().deadlines.countActionable(over, at, includeSnoozed);
    expect(await counts(inScope)).to.deep.equal({ customer: 1, operator: 1, workspace: 0, platform: 0 });
    await ports().deadlines.snooze(WS, 'dl_m_due', { by: { type: 'api_key', id: 'key_ops' }, reason: 'waiting on the installer', until: '2025-03-12T00:00:00.000Z', at: NOW });
    const ids = async (over: DeadlineFilter) => (await ports().deadlines.list(inScope, over, first())).items.map((item) => item.id);
    expect(await ids(filter())).to.deep.equal(['dl_m_open', 'dl_m_pending']);
    expect(await ids(filter({ snoozed: 'include' }))).to.deep.equal(['dl_m_open', 'dl_m_due', 'dl_m_pending']);
    expect(await ids(filter({ now: '2025-03-12T00:00:00.000Z' })), 'once the snooze is over').to.deep.equal(['dl_m_open', 'dl_m_due', 'dl_m_pending']);
    expect(await counts(inScope), 'snoozed: not counted').to.deep.equal({ customer: 0, operator: 1, workspace: 0, platform: 0 });
    expect(await counts(inScope, NOW, true), 'snoozed, included').to.deep.equal({ customer: 1, operator: 1, workspace: 0, platform: 0 });
    expect(await counts(inScope, '2025-03-12T00:00:00.000Z'), 'once the snooze is over').to.deep.equal({ customer: 1, operator: 1, workspace: 0, platform: 0 });
    const operatorsBefore = (await counts(scope(), NOW, true)).operator;
    await ports().deadlines.write([{ ...open, seq: 4, status: 'met_late', closedAt: NOW }]);
    expect(await ids(filter())).to.deep.equal(['dl_m_pending']);
    expect(await ids(filter({ statuses: ['met_late'] }))).to.deep.equal(['dl_m_open']);
    expect(await counts(inScope, NOW, true), 'closed: not counted').to.deep.equal({ customer: 1, operator: 0, workspace: 0, platform: 0 });
    expect((await counts(scope(), NOW, true)).operator, 'workspace-wide: the closed one is no longer counted').to.equal(operatorsBefore - 1);
  });
}

import { expect } from 'chai';
import type { ListWindow } from '../platform/index.js';
import type { EnrollmentEvent } from './EnrollmentEvent.js';
import type { EventKey } from './eventListing.js';
import { type ListedEvent, mergeEventWindows } from './mergeEventWindows.js';
import type { WorkspaceEvent } from './WorkspaceEvent.js';

const enrollmentEvent = (second: number) =>
  ({ id: `evt_e${second}`, type: 'enrollment.deleted', enrollmentId: 'cenrollment00000000001', seq: second, occurredAt: `2030-01-01T00:00:0${second}.000Z`, data: {} }) as unknown as EnrollmentEvent;
const workspaceEvent = (second: number): WorkspaceEvent => ({
  id: `evt_w${second}`, workspaceId: 'ws', type: 'webhook.test', occurredAt: `2030-01-01T00:00:0${second}.000Z`, actor: { type: 'system', id: 'spec' }, source: 'spec', data: {},
});
const part = (items: ListedEvent[], rest: Partial<ListWindow<ListedEvent, EventKey>> = {}): ListWindow<ListedEvent, EventKey> => ({ items, ended: true, scanLimited: false, matched: items.length, ...rest });
const ids = (window: ListWindow<ListedEvent, EventKey>) => window.items.map((item) => item.id);

describe('mergeEventWindows', () => {
  it('interleaves two ended parts in key order, with the totals of both', () => {
    const merged = mergeEventWindows([part([enrollmentEvent(1), enrollmentEvent(3)]), part([workspaceEvent(2)])], { skip: 0, take: 10 });
    expect([ids(merged), merged.ended, merged.matched]).to.deep.equal([['evt_e1', 'evt_w2', 'evt_e3'], true, 3]);
  });

  it('cuts the page form’s window out of the merged reach, resuming after its last item', () => {
    const merged = mergeEventWindows([part([enrollmentEvent(1), enrollmentEvent(3), enrollmentEvent(5)]), part([workspaceEvent(2), workspaceEvent(4)])], { skip: 2, take: 2 });
    expect([ids(merged), merged.ended, merged.resumeAfter]).to.deep.equal([['evt_e3', 'evt_w4'], false, ['2030-01-01T00:00:04.000Z', 'evt_w4', 0]]);
  });

  it('keeps nothing past a part that stopped at its scan limit, and resumes from where that part stopped', () => {
    const stoppedAt: EventKey = ['2030-01-01T00:00:02.500Z', 'cenrollment00000000001', 9];
    const merged = mergeEventWindows([part([enrollmentEvent(1)], { ended: false, scanLimited: true, resumeAfter: stoppedAt }), part([workspaceEvent(2), workspaceEvent(4)])], { skip: 0, take: 5 });
    expect([ids(merged), merged.ended, merged.scanLimited, merged.resumeAfter]).to.deep.equal([['evt_e1', 'evt_w2'], false, true, stoppedAt]);
  });
});

import { expect } from 'chai';
import type { EventKey, WindowRequest, WorkspaceEvent } from '../../index.js';
import type { SpecPorts } from './SpecPorts.js';

const event = (workspaceId: string, id: string, occurredAt: string, type: WorkspaceEvent['type'] = 'webhook.test'): WorkspaceEvent => ({
  id, workspaceId, type, occurredAt, actor: { type: 'api_key', id: 'key_spec' }, source: 'api', data: { endpointId: 'whe_spec', message: 'a test' },
});
const window = (take: number, after?: EventKey): WindowRequest<EventKey> => ({ ...(after === undefined ? {} : { after }), skip: 0, take, scanLimit: 10_000 });

/** The workspace-level events: unique by id, listed in recording order by the second, filtered, walked, per workspace. */
export function workspaceEventSpecs(ports: () => SpecPorts): void {
  it('reads an event back as written, and reports the same id again as a duplicate, whoever races for it', async () => {
    const written = event('ws_wsevents_a', 'evt_wsevents_round', '2030-01-02T03:04:05.006Z', 'webhook_endpoint.disabled');
    const results = await Promise.all(Array.from({ length: 20 }, () => ports().workspaceEvents.insert(written)));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    expect((await ports().workspaceEvents.list('ws_wsevents_a', {}, window(10))).items).to.deep.equal([written]);
  });

  it('lists in recording order across seconds, by type and time, walked from a position, within its workspace only', async () => {
    const times = ['2030-01-02T03:04:07.000Z', '2030-01-02T03:04:05.500Z', '2030-01-02T03:04:05.100Z', '2031-06-01T00:00:00.000Z'];
    for (const [n, at] of times.entries()) await ports().workspaceEvents.insert(event('ws_wsevents_b', `evt_wsevents_${n}`, at, n === 3 ? 'webhook_endpoint.disabled' : 'webhook.test'));
    await ports().workspaceEvents.insert(event('ws_wsevents_other', 'evt_wsevents_other', '2030-01-02T03:04:06.000Z'));
    const all = await ports().workspaceEvents.list('ws_wsevents_b', {}, window(10));
    expect([all.items.map((item) => item.id), all.ended]).to.deep.equal([['evt_wsevents_2', 'evt_wsevents_1', 'evt_wsevents_0', 'evt_wsevents_3'], true]);
    const first = await ports().workspaceEvents.list('ws_wsevents_b', {}, window(2));
    expect([first.items.map((item) => item.id), first.ended, first.resumeAfter]).to.deep.equal([['evt_wsevents_2', 'evt_wsevents_1'], false, ['2030-01-02T03:04:05.500Z', 'evt_wsevents_1', 0]]);
    const rest = await ports().workspaceEvents.list('ws_wsevents_b', {}, window(10, first.resumeAfter));
    expect(rest.items.map((item) => item.id)).to.deep.equal(['evt_wsevents_0', 'evt_wsevents_3']);
    const disabled = await ports().workspaceEvents.list('ws_wsevents_b', { types: ['webhook_endpoint.disabled'] }, window(10));
    expect(disabled.items.map((item) => item.id)).to.deep.equal(['evt_wsevents_3']);
    const from = await ports().workspaceEvents.list('ws_wsevents_b', { occurredFrom: '2030-01-02T03:04:06.000Z', occurredTo: '2030-12-31T00:00:00.000Z' }, window(10));
    expect(from.items.map((item) => item.id)).to.deep.equal(['evt_wsevents_0']);
    expect((await ports().workspaceEvents.list('ws_wsevents_b', { enrollmentId: 'enr_any' }, window(10))).items, 'in no enrollment’s log').to.deep.equal([]);
  });
}

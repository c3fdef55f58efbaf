import { expect } from 'chai';
import { channelBucket, type DeliveryAttempt, type EnrollmentEvent, type MessageKey, messageKeyOf, type WebhookEndpoint, type WebhookMessage } from '../../index.js';
import { at, T0, updatedEvent } from './fixtures.js';
import type { SpecPorts } from './SpecPorts.js';

const endpoint = (workspaceId: string, id: string, createdAt = T0): WebhookEndpoint => ({
  id, workspaceId, url: 'https://hooks.example.com/flexroll', description: 'CRM', eventTypes: ['enrollment.created', 'enrollment.status_changed'],
  status: 'enabled', sealedSecret: 'enc:v1:a:b:c', createdAt, updatedAt: createdAt,
});
const message = (workspaceId: string, endpointId: string, eventId: string, overrides: Partial<WebhookMessage> = {}): WebhookMessage => ({
  id: `msg_${endpointId}_${eventId}`, workspaceId, endpointId, eventId, type: 'enrollment.created', enrollmentId: 'enr_1', seq: 1,
  payload: '{"id":"evt_1","data":{"a.b":null}}', createdAt: T0, state: 'pending', attempts: 0, roundStartedAtAttempt: 0, nextAttemptAt: T0, ...overrides,
});
const attempt = (workspaceId: string, subjectId: string, n: number, claimedBy = 'worker-a'): DeliveryAttempt => ({
  id: `att_${subjectId}_${n}_${claimedBy}`, workspaceId, subjectId, attempt: n, claimedBy, claimedAt: T0, leaseExpiresAt: at(1), endpointId: 'whe_1',
});

/** Webhook endpoints, messages, attempts (the lease), cursors and the event feed: round trips, guards, lookups, tenancy. */
export function webhookSpecs(ports: () => SpecPorts): void {
  it('keeps a workspace’s endpoints, oldest first, and never shows them to another', async () => {
    await ports().webhookEndpoints.insert(endpoint('ws_hooks_a', 'whe_later', at(5)));
    await ports().webhookEndpoints.insert(endpoint('ws_hooks_a', 'whe_first', at(1)));
    await ports().webhookEndpoints.insert(endpoint('ws_hooks_b', 'whe_other'));
    expect((await ports().webhookEndpoints.listForWorkspace('ws_hooks_a')).map((row) => row.id)).to.deep.equal(['whe_first', 'whe_later']);
    expect(await ports().webhookEndpoints.get('ws_hooks_b', 'whe_first')).to.equal(undefined);
    const everyWorkspace = (await ports().webhookEndpoints.listAll()).map((row) => row.id);
    expect(everyWorkspace).to.include.members(['whe_first', 'whe_later', 'whe_other']);
    const changed = { ...endpoint('ws_hooks_a', 'whe_first', at(1)), status: 'disabled' as const, disabledReason: 'gone' as const };
    await ports().webhookEndpoints.replace(changed);
    expect(await ports().webhookEndpoints.get('ws_hooks_a', 'whe_first')).to.deep.equal(changed);
    await ports().webhookEndpoints.delete('ws_hooks_b', 'whe_first');
    expect(await ports().webhookEndpoints.get('ws_hooks_a', 'whe_first')).to.deep.equal(changed);
    await ports().webhookEndpoints.delete('ws_hooks_a', 'whe_first');
    expect(await ports().webhookEndpoints.get('ws_hooks_a', 'whe_first')).to.equal(undefined);
  });

  it('creates one message per (endpoint, event) however many workers fan the event out at once', async () => {
    const copies = Array.from({ length: 20 }, (_, n) => ({ ...message('ws_hooks_c', 'whe_c', 'evt_c1'), id: `msg_copy_${n}` }));
    const results = await Promise.all(copies.map((copy) => ports().webhookMessages.insert(copy)));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    expect(await ports().webhookMessages.insert(message('ws_hooks_c', 'whe_c2', 'evt_c1'))).to.equal('inserted');
    const stored = copies.find((copy) => copy.id === (results.indexOf('inserted') >= 0 ? `msg_copy_${results.indexOf('inserted')}` : ''));
    expect(await ports().webhookMessages.get('ws_hooks_c', stored!.id)).to.deep.equal(stored);
    expect(await ports().webhookMessages.get('ws_hooks_other', stored!.id)).to.equal(undefined);
  });

  it('finds pending messages across workspaces, an endpoint’s messages by state, and pages its log', async () => {
    const a1 = message('ws_hooks_d', 'whe_d', 'evt_d1', { createdAt: at(1) });
    const a2 = message('ws_hooks_d', 'whe_d', 'evt_d2', { createdAt: at(2), seq: 2 });
    const b1 = message('ws_hooks_e', 'whe_e', 'evt_e1');
    for (const row of [a2, a1, b1]) await ports().webhookMessages.insert(row);
    const pendingIds = (await ports().webhookMessages.listPending()).map((row) => row.id);
    expect(pendingIds).to.include.members([a1.id, a2.id, b1.id]);
    const delivered: WebhookMessage = { ...a1, state: 'delivered', attempts: 1, deliveredAt: at(3), lastStatusCode: 204 };
    await ports().webhookMessages.replace(delivered);
    expect((await ports().webhookMessages.listPending()).map((row) => row.id)).to.not.include(a1.id);
    expect(await ports().webhookMessages.listForEndpointInState('ws_hooks_d', 'whe_d', 'delivered')).to.deep.equal([delivered]);
    expect(await ports().webhookMessages.listForEndpointInState('ws_hooks_e', 'whe_d', 'delivered')).to.deep.equal([]);
    const first = await ports().webhookMessages.list('ws_hooks_d', 'whe_d', {}, { skip: 0, take: 1, scanLimit: 1000 });
    expect(first).to.deep.include({ ended: false, matched: 2, resumeAfter: messageKeyOf(a1) });
    expect(first.items.map((row) => row.id)).to.deep.equal([a1.id]);
    const next = await ports().webhookMessages.list('ws_hooks_d', 'whe_d', {}, { skip: 0, take: 1, scanLimit: 1000, after: messageKeyOf(a1) });
    expect(next).to.deep.include({ items: [a2], ended: true });
    expect((await ports().webhookMessages.list('ws_hooks_d', 'whe_d', { state: 'pending' }, { skip: 0, take: 10, scanLimit: 1000 })).items.map((row) => row.id)).to.deep.equal([a2.id]);
    expect(await ports().webhookMessages.list('ws_hooks_e', 'whe_d', {}, { skip: 0, take: 10, scanLimit: 1000 })).to.deep.include({ items: [], ended: true, matched: 0 });
  });

  it('walks an endpoint’s log across seconds, minutes and days in creation order, its state as last replaced', async () => {
    const times = ['2030-01-02T00:00:00.000Z', '2030-01-01T00:00:01.000Z', '2030-01-01T00:01:00.000Z', '2030-01-01T00:00:01.500Z'];
    const rows = times.map((createdAt, n) => message('ws_hooks_g', 'whe_g', `evt_g${n}`, { createdAt }));
    for (const row of rows) await ports().webhookMessages.insert(row);
    const failed: WebhookMessage = { ...rows[2]!, state: 'failed', attempts: 3 };
    await ports().webhookMessages.replace(failed);
    const seen: WebhookMessage[] = [];
    let after: MessageKey | undefined;
    for (let step = 0; step < 10; step++) {
      const found = await ports().webhookMessages.list('ws_hooks_g', 'whe_g', {}, { skip: 0, take: 1, scanLimit: 1000, ...(after === undefined ? {} : { after }) });
      seen.push(...found.items);
      if (found.ended) break;
      after = found.resumeAfter;
    }
    expect(seen.map((row) => row.createdAt)).to.deep.equal([...times].sort());
    expect(seen.find((row) => row.id === failed.id)).to.deep.equal(failed);
    expect((await ports().webhookMessages.list('ws_hooks_g', 'whe_g', { state: 'failed' }, { skip: 0, take: 10, scanLimit: 1000 })).items).to.deep.equal([failed]);
  });

  it('filters an endpoint’s log by enrollment, by types (their seconds merged in order), by state and by creation time', async () => {
    const rows = [
      message('ws_hooks_i', 'whe_i', 'evt_i0', { createdAt: '2030-01-01T00:00:01.000Z', enrollmentId: 'enr_a', type: 'enrollment.created' }),
      message('ws_hooks_i', 'whe_i', 'evt_i1', { createdAt: '2030-01-01T00:00:02.000Z', enrollmentId: 'enr_b', type: 'enrollment.created' }),
      message('ws_hooks_i', 'whe_i', 'evt_i2', { createdAt: '2030-01-01T00:00:02.500Z', enrollmentId: 'enr_a', seq: 2, type: 'enrollment.status_changed', state: 'failed' }),
      message('ws_hooks_i', 'whe_i', 'evt_i3', { createdAt: '2030-01-01T00:01:00.000Z', type: 'webhook.test' }),
      message('ws_hooks_i', 'whe_i', 'evt_i4', { createdAt: '2030-01-02T00:00:00.000Z', enrollmentId: 'enr_a', seq: 3, type: 'enrollment.status_changed' }),
      message('ws_hooks_i', 'whe_other', 'evt_i0', { createdAt: '2030-01-01T00:00:01.000Z', enrollmentId: 'enr_a', type: 'enrollment.created' }),
    ];
    const { enrollmentId: _none, seq: _noSeq, ...workspaceLevel } = rows[3]!;
    rows[3] = workspaceLevel;
    for (const row of [...rows].reverse()) await ports().webhookMessages.insert(row);
    const ids = async (filter: Parameters<SpecPorts['webhookMessages']['list']>[2], take = 10) =>
      (await ports().webhookMessages.list('ws_hooks_i', 'whe_i', filter, { skip: 0, take, scanLimit: 1000 })).items.map((row) => row.eventId);
    expect(await ids({ enrollmentId: 'enr_a' })).to.deep.equal(['evt_i0', 'evt_i2', 'evt_i4']);
    expect(await ids({ types: ['enrollment.status_changed'] })).to.deep.equal(['evt_i2', 'evt_i4']);
    expect(await ids({ types: ['webhook.test', 'enrollment.created'] })).to.deep.equal(['evt_i0', 'evt_i1', 'evt_i3']);
    expect(await ids({ types: ['enrollment.created', 'enrollment.status_changed'] }, 2)).to.deep.equal(['evt_i0', 'evt_i1']);
    expect(await ids({ types: ['enrollment.deleted'] })).to.deep.equal([]);
    expect(await ids({ state: 'failed' })).to.deep.equal(['evt_i2']);
    expect(await ids({ createdFrom: '2030-01-01T00:00:02.000Z', createdTo: '2030-01-01T00:01:00.000Z' })).to.deep.equal(['evt_i1', 'evt_i2', 'evt_i3']);
    expect(await ids({ enrollmentId: 'enr_a', types: ['enrollment.status_changed'], createdTo: '2030-01-01T23:59:59.999Z' })).to.deep.equal(['evt_i2']);
    expect(await ids({ types: ['enrollment.created'], createdFrom: '2030-01-01T00:00:01.500Z' })).to.deep.equal(['evt_i1']);
    const byType = await ports().webhookMessages.list('ws_hooks_i', 'whe_i', { types: ['enrollment.status_changed', 'enrollment.created'] }, { skip: 0, take: 1, scanLimit: 1000, after: messageKeyOf(rows[1]!) });
    expect(byType.items.map((row) => row.eventId), 'after a cursor').to.deep.equal(['evt_i2']);
    expect((await ports().webhookMessages.list('ws_hooks_other', 'whe_i', { enrollmentId: 'enr_a' }, { skip: 0, take: 10, scanLimit: 1000 })).items, 'another workspace').to.deep.equal([]);

    // The state filters follow each message's state as it is replaced.
    expect(await ids({ state: 'pending' })).to.deep.equal(['evt_i0', 'evt_i1', 'evt_i3', 'evt_i4']);
    await ports().webhookMessages.replace({ ...rows[2]!, state: 'pending', roundStartedAtAttempt: 3, replayedAtAttempts: [3] });
    await ports().webhookMessages.replace({ ...rows[4]!, state: 'failed', attempts: 8 });
    await ports().webhookMessages.replace({ ...rows[4]!, state: 'failed', attempts: 8 });
    await ports().webhookMessages.replace({ ...rows[0]!, state: 'delivered', attempts: 1 });
    expect(await ids({ state: 'failed' })).to.deep.equal(['evt_i4']);
    expect(await ids({ state: 'pending' })).to.deep.equal(['evt_i1', 'evt_i2', 'evt_i3']);
    expect(await ids({ state: 'delivered', types: ['enrollment.created'] })).to.deep.equal(['evt_i0']);
    expect(await ids({ state: 'failed', createdFrom: '2030-01-02T00:00:00.001Z' })).to.deep.equal([]);
    expect((await ports().webhookMessages.get('ws_hooks_i', rows[2]!.id))?.replayedAtAttempts, 'the series are stored').to.deep.equal([3]);
  });

  it('gives attempt n of a subject to one of 50 concurrent claimants, and keeps attempts in order', async () => {
    const claimants = Array.from({ length: 50 }, (_, n) => attempt('ws_hooks_f', 'msg_f', 1, `worker-${n}`));
    const results = await Promise.all(claimants.map((claim) => ports().deliveryAttempts.claim(claim)));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    expect(await ports().deliveryAttempts.claim(attempt('ws_hooks_f', 'msg_f', 3))).to.equal('inserted');
    expect(await ports().deliveryAttempts.claim(attempt('ws_hooks_f', 'msg_f', 2))).to.equal('inserted');
    const listed = await ports().deliveryAttempts.listForSubject('ws_hooks_f', 'msg_f');
    expect(listed.map((row) => row.attempt)).to.deep.equal([1, 2, 3]);
    const finished: DeliveryAttempt = { ...listed[1]!, finishedAt: at(2), outcome: 'failed', statusCode: 500, latencyMs: 12, responseBody: 'oops', nextAttemptAt: at(7) };
    await ports().deliveryAttempts.replace(finished);
    expect((await ports().deliveryAttempts.listForSubject('ws_hooks_f', 'msg_f'))[1]).to.deep.equal(finished);
    expect(await ports().deliveryAttempts.listForSubject('ws_hooks_other', 'msg_f')).to.deep.equal([]);
  });

  it('renews a held attempt’s lease by its id, touching no other field, so a taker’s `abandoned` stays', async () => {
    const held = attempt('ws_hooks_g', 'obx_g', 1);
    await ports().deliveryAttempts.claim(held);
    await ports().deliveryAttempts.renew(held, at(5));
    expect(await ports().deliveryAttempts.listForSubject('ws_hooks_g', 'obx_g')).to.deep.equal([{ ...held, leaseExpiresAt: at(5) }]);
    const abandoned: DeliveryAttempt = { ...held, leaseExpiresAt: at(5), outcome: 'abandoned', finishedAt: at(6), error: 'its lease ran out' };
    await ports().deliveryAttempts.replace(abandoned);
    await ports().deliveryAttempts.renew(held, at(9));
    expect(await ports().deliveryAttempts.listForSubject('ws_hooks_g', 'obx_g')).to.deep.equal([{ ...abandoned, leaseExpiresAt: at(9) }]);
    await ports().deliveryAttempts.renew({ ...held, workspaceId: 'ws_hooks_other' }, at(12));
    expect((await ports().deliveryAttempts.listForSubject('ws_hooks_g', 'obx_g'))[0]!.leaseExpiresAt, 'another workspace renews nothing').to.equal(at(9));
  });

  it('removes an attempt by its own id only', async () => {
    const [first, second] = [attempt('ws_hooks_h', 'poll:h', 1), attempt('ws_hooks_h', 'poll:h', 2)];
    await Promise.all([ports().deliveryAttempts.claim(first), ports().deliveryAttempts.claim(second)]);
    await ports().deliveryAttempts.remove({ ...first, workspaceId: 'ws_hooks_other' });
    await ports().deliveryAttempts.remove({ ...second, id: 'att_not_this_one' });
    expect((await ports().deliveryAttempts.listForSubject('ws_hooks_h', 'poll:h')).map((row) => row.attempt), 'another workspace, another id').to.deep.equal([1, 2]);
    await ports().deliveryAttempts.remove(first);
    expect(await ports().deliveryAttempts.listForSubject('ws_hooks_h', 'poll:h')).to.deep.equal([second]);
  });

  it('keeps cursors by key, a later put replacing the earlier', async () => {
    expect(await ports().cursors.get('spec:cursor')).to.equal(undefined);
    await ports().cursors.put({ key: 'spec:cursor', value: '7', updatedAt: T0 });
    await Promise.all([ports().cursors.put({ key: 'spec:race', value: '1', updatedAt: T0 }), ports().cursors.put({ key: 'spec:race', value: '1', updatedAt: T0 })]);
    await ports().cursors.put({ key: 'spec:cursor', value: '9', updatedAt: at(1) });
    expect(await ports().cursors.get('spec:cursor')).to.deep.equal({ key: 'spec:cursor', value: '9', updatedAt: at(1) });
    expect(await ports().cursors.get('spec:race')).to.deep.equal({ key: 'spec:race', value: '1', updatedAt: T0 });
  });

  it('reads the event log by the second events were recorded in, every workspace’s, and gives them back unchanged', async () => {
    const second = '2031-05-06T07:08:09';
    const inside = [updatedEvent('ws_feed_a', 'enr_feed_1', 1, `${second}.000Z`), updatedEvent('ws_feed_b', 'enr_feed_2', 1, `${second}.999Z`)];
    const outside = updatedEvent('ws_feed_a', 'enr_feed_1', 2, '2031-05-06T07:08:10.000Z');
    for (const event of [...inside, outside]) await ports().events.insert(event);
    const found = await ports().eventFeed.listRecordedIn(second);
    expect([...found].sort((a, b) => a.id.localeCompare(b.id))).to.deep.equal([...inside].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await ports().events.listForEnrollment('ws_feed_a', 'enr_feed_1', 0)).to.deep.equal([inside[0], outside]);
  });

  it('files an event dated in the past (a provider’s own time) under the second it was recorded in, and so one bulk-inserted', async () => {
    const recorded = '2031-05-06T08:00:00';
    const backdated = { ...updatedEvent('ws_feed_c', 'enr_feed_3', 1, '2031-05-06T06:00:00.000Z'), recordedAt: `${recorded}.000Z` };
    const bulk = updatedEvent('ws_feed_c', 'enr_feed_4', 1, `${recorded}.500Z`);
    await ports().events.insert(backdated);
    await ports().events.insertMany([bulk]);
    const found = await ports().eventFeed.listRecordedIn(recorded);
    expect(found.map((event) => event.id).sort()).to.deep.equal([backdated.id, bulk.id].sort());
    expect(await ports().eventFeed.listRecordedIn('2031-05-06T06:00:00')).to.deep.equal([]);
  });

  it('files an event under the second its appender gives, and finds it by that second, its minute and its hour', async () => {
    const event = updatedEvent('ws_feed_d', 'enr_feed_5', 1, '2031-05-06T09:00:00.000Z');
    const many = updatedEvent('ws_feed_d', 'enr_feed_6', 1, '2031-05-06T09:00:00.000Z');
    await ports().events.insert(event, '2031-05-06T09:10:11');
    await ports().events.insertMany([many], '2031-05-06T09:10:11');
    const ids = async (bucket: string) => (await ports().eventFeed.listRecordedIn(bucket)).map((found) => found.id).sort();
    for (const bucket of ['2031-05-06T09:10:11', '2031-05-06T09:10', '2031-05-06T09']) expect(await ids(bucket), bucket).to.deep.equal([event.id, many.id].sort());
    expect(await ids('2031-05-06T09:00:00'), 'not under the second it was decided in').to.deep.equal([]);
    expect(await ids('2031-05-06T09:10:12')).to.deep.equal([]);
  });

  it('re-files events in a later second, in every bucket, and leaves alone those no longer in the first', async () => {
    const late = updatedEvent('ws_feed_e', 'enr_feed_7', 1, '2031-05-06T10:00:00.000Z');
    const stays = updatedEvent('ws_feed_e', 'enr_feed_8', 1, '2031-05-06T10:00:00.000Z');
    await ports().events.insertMany([late, stays], '2031-05-06T10:59:59');
    await ports().eventFeed.restamp([late], '2031-05-06T10:59:59', '2031-05-06T11:00:04');
    await ports().eventFeed.restamp([late], '2031-05-06T10:59:59', '2031-05-06T11:00:09');
    const ids = async (bucket: string) => (await ports().eventFeed.listRecordedIn(bucket)).map((found) => found.id);
    expect(await ids('2031-05-06T10:59:59')).to.deep.equal([stays.id]);
    expect(await ids('2031-05-06T10')).to.deep.equal([stays.id]);
    for (const bucket of ['2031-05-06T11:00:04', '2031-05-06T11:00', '2031-05-06T11']) expect(await ids(bucket), bucket).to.deep.equal([late.id]);
    expect(await ids('2031-05-06T11:00:09'), 'a repeat from a second it has left does nothing').to.deep.equal([]);
    expect(await ports().events.listForEnrollment('ws_feed_e', 'enr_feed_7', 0), 'read back unchanged').to.deep.equal([late]);
  });

  it('files each event in its channels too: the moves, and what projection repair must look at (not an import’s)', async () => {
    const second = '2031-05-06T12:00:01';
    const move = { ...updatedEvent('ws_feed_f', 'enr_feed_9', 1), type: 'participation.state_changed', source: 'sweep' } as EnrollmentEvent;
    const imported = { ...updatedEvent('ws_feed_f', 'enr_feed_10', 1), source: 'import:cjob1:7' };
    const edited = updatedEvent('ws_feed_f', 'enr_feed_11', 1);
    await ports().events.insertMany([move, imported, edited], second);
    const ids = async (bucket: string) => (await ports().eventFeed.listRecordedIn(bucket)).map((found) => found.id).sort();
    expect(await ids(second), 'the whole feed').to.deep.equal([move.id, imported.id, edited.id].sort());
    for (const bucket of [second, second.slice(0, 16), second.slice(0, 13)]) {
      expect(await ids(channelBucket('moves', bucket)), `moves ${bucket}`).to.deep.equal([move.id]);
      expect(await ids(channelBucket('repairable', bucket)), `repairable ${bucket}`).to.deep.equal([move.id, edited.id].sort());
    }
    await ports().eventFeed.restamp([move], second, '2031-05-06T12:00:07');
    expect(await ids(channelBucket('moves', second)), 'moved out of its channel’s second').to.deep.equal([]);
    expect(await ids(channelBucket('moves', '2031-05-06T12:00:07')), 'and into the later one').to.deep.equal([move.id]);
  });
}

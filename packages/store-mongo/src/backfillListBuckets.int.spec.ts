import 'reflect-metadata';
import { expect } from 'chai';
import { backfillListBuckets } from './documents/backfillListBuckets.js';
import { backfillMessageFilterKeys } from './documents/backfillMessageFilterKeys.js';
import { mongoModels } from './MongoModels.js';
import { mongoRepositories } from './mongoRepositories.js';
import type { MongoStore } from './openMongoStore.js';
import { openSpecStore } from './specs/openSpecStore.js';

const uri = process.env.MONGODB_URI;

/** A database written before ADR 0021: its events and messages have no `listBucket`, and no list has an index. */
describe('store-mongo backfill of the lists’ buckets (ADR 0021)', function () {
  this.timeout(60_000);
  let store: MongoStore | undefined;

  before(async function () {
    if (uri === undefined || uri === '') return this.skip();
    store = await openSpecStore(uri, 'backfill');
  });
  after(async () => {
    await store?.dropDatabase();
    await store?.close();
  });

  it('gives older events and messages their buckets once, so the lists show them, and then only looks up its marker', async function () {
    if (store === undefined) return this.skip();
    const models = mongoModels(store.connection);
    await models.ListBucket.deleteMany({});
    const actor = { type: 'system', id: 'old' };
    await store.connection.collection('enrollment_events').insertMany([
      { _id: 'evt_old_2', workspaceId: 'ws_old', enrollmentId: 'enr_old', seq: 2, type: 'enrollment.deleted', occurredAt: '2024-03-01T10:00:05.000Z', actor, source: 'api', data: {}, batch: { id: 'b2', index: 0, size: 1 } },
      { _id: 'evt_old_1', workspaceId: 'ws_old', enrollmentId: 'enr_old', seq: 1, type: 'enrollment.deleted', occurredAt: '2024-03-01T10:00:00.000Z', actor, source: 'api', data: {}, batch: { id: 'b1', index: 0, size: 1 } },
    ] as never[]);
    await store.connection.collection('webhook_messages').insertOne({
      _id: 'msg_old', workspaceId: 'ws_old', endpointId: 'whe_old', eventId: 'evt_old_1', type: 'enrollment.deleted', payload: '{}', createdAt: '2024-03-01T10:00:01.000Z', state: 'delivered', attempts: 1, roundStartedAtAttempt: 0,
    } as never);
    const repositories = mongoRepositories(store.connection);
    const window = { skip: 0, take: 10, scanLimit: 100 };
    expect((await repositories.events.list('ws_old', {}, window)).items, 'before the backfill').to.deep.equal([]);

    expect(await backfillListBuckets(models)).to.equal(3);
    expect((await repositories.events.list('ws_old', {}, window)).items.map((event) => event.id)).to.deep.equal(['evt_old_1', 'evt_old_2']);
    expect((await repositories.webhookMessages.list('ws_old', 'whe_old', {}, window)).items.map((message) => message.id)).to.deep.equal(['msg_old']);
    expect(await backfillListBuckets(models), 'run again').to.equal(0);

    // ADR 0022: the delivery log's filters read by keys the old message lacks, until the second backfill gives them.
    const byType = { types: ['enrollment.deleted'] };
    expect((await repositories.webhookMessages.list('ws_old', 'whe_old', byType, window)).items, 'before the filter keys').to.deep.equal([]);
    await store.connection.collection('webhook_messages').updateOne({ _id: 'msg_old' } as never, { $set: { enrollmentId: 'enr_old', seq: 1, state: 'failed' } });
    expect(await backfillMessageFilterKeys(models)).to.equal(1);
    expect((await repositories.webhookMessages.list('ws_old', 'whe_old', byType, window)).items.map((message) => message.id)).to.deep.equal(['msg_old']);
    expect((await repositories.webhookMessages.list('ws_old', 'whe_old', { enrollmentId: 'enr_old' }, window)).items.map((message) => message.id)).to.deep.equal(['msg_old']);
    expect((await repositories.webhookMessages.list('ws_old', 'whe_old', { state: 'failed' }, window)).items.map((message) => message.id)).to.deep.equal(['msg_old']);
    expect(await backfillMessageFilterKeys(models), 'run again').to.equal(0);
  });
});

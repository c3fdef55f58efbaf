import 'reflect-metadata';
import { expect } from 'chai';
import { backfillInstanceEventLists } from './documents/backfillInstanceEventLists.js';
import { backfillListBuckets } from './documents/backfillListBuckets.js';
import { mongoModels } from './MongoModels.js';
import { mongoRepositories } from './mongoRepositories.js';
import type { MongoStore } from './openMongoStore.js';
import { openSpecStore } from './specs/openSpecStore.js';

const uri = process.env.MONGODB_URI;

/** A database written before per-instance event lists (issue 24): its events carry no instance and no `instanceListBucket`. */
describe('store-mongo backfill of the program instances’ event lists (issue 24)', function () {
  this.timeout(60_000);
  let store: MongoStore | undefined;

  before(async function () {
    if (uri === undefined || uri === '') return this.skip();
    store = await openSpecStore(uri, 'backfill_instances');
  });
  after(async () => {
    await store?.dropDatabase();
    await store?.close();
  });

  it('lists older events under their enrollment’s instance once, leaves an event of no enrollment out, and then only looks up its marker', async function () {
    if (store === undefined) return this.skip();
    const models = mongoModels(store.connection);
    await models.ListBucket.deleteMany({});
    const actor = { type: 'system', id: 'old' };
    const old = (id: string, enrollmentId: string, seq: number, occurredAt: string) => ({
      _id: id, workspaceId: 'ws_old', enrollmentId, seq, type: 'enrollment.deleted', occurredAt, actor, source: 'api', data: {}, batch: { id: `b_${id}`, index: 0, size: 1 },
    });
    await store.connection.collection('enrollment_events').insertMany([
      old('evt_a_2', 'enr_a', 2, '2024-03-01T10:00:05.000Z'), old('evt_a_1', 'enr_a', 1, '2024-03-01T10:00:00.000Z'),
      old('evt_b_1', 'enr_b', 1, '2024-03-01T10:00:02.000Z'), old('evt_fence_1', 'enr_fence', 1, '2024-03-01T10:00:03.000Z'),
    ] as never[]);
    await store.connection.collection('enrollments').insertMany([
      { _id: 'enr_a', workspaceId: 'ws_old', programInstanceId: 'pi_a' }, { _id: 'enr_b', workspaceId: 'ws_old', programInstanceId: 'pi_b' },
    ] as never[]);
    await backfillListBuckets(models);
    const repositories = mongoRepositories(store.connection);
    const window = { skip: 0, take: 10, scanLimit: 100 };
    const ids = async (programInstanceId: string) => (await repositories.events.list('ws_old', { programInstanceId }, window)).items.map((event) => event.id);
    expect(await ids('pi_a'), 'before the backfill').to.deep.equal([]);

    expect(await backfillInstanceEventLists(models)).to.equal(3);
    expect([await ids('pi_a'), await ids('pi_b')]).to.deep.equal([['evt_a_1', 'evt_a_2'], ['evt_b_1']]);
    expect((await repositories.events.list('ws_old', {}, window)).items.map((event) => event.id), 'the workspace’s list as it was').to.deep.equal(['evt_a_1', 'evt_b_1', 'evt_fence_1', 'evt_a_2']);
    expect(await backfillInstanceEventLists(models), 'run again').to.equal(0);
  });
});

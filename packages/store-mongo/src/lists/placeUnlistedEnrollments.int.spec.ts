import 'reflect-metadata';
import { expect } from 'chai';
import type { Enrollment } from '@flexroll/core';
import { mongoRepositories } from '../mongoRepositories.js';
import type { MongoStore } from '../openMongoStore.js';
import { openSpecStore } from '../specs/openSpecStore.js';
import { placeUnlistedEnrollments } from './placeUnlistedEnrollments.js';

const uri = process.env.MONGODB_URI;
const WS = 'ws_unlisted';
const INSTANCE = 'cinstanceunlisted00000001';

/** Enrollments stored before lists were counted (no list keys, no ledger entries) get their places, once. */
describe('store-mongo: enrollments stored before lists were counted', function () {
  this.timeout(120_000);
  let store: MongoStore | undefined;

  before(async function () {
    if (uri === undefined || uri === '') return this.skip();
    store = await openSpecStore(uri, 'unlisted');
  });
  after(async () => {
    await store?.dropDatabase();
    await store?.close();
  });

  it('places them in creation order, counted, and a later enrollment after them; a second start does nothing', async function () {
    if (store === undefined) return this.skip();
    const old = Array.from({ length: 150 }, (_, n) => stored(n));
    // As an older version wrote them: the enrollment and its participation key only, inserted in no particular order.
    await store.connection.collection<{ _id: string }>('enrollments').insertMany([...old].reverse().map(({ id, ...rest }) => ({ _id: id, ...rest })));
    await store.connection.collection<{ _id: string }>('cursors').deleteOne({ _id: 'migrations:enrollment-list-positions' });
    expect(await placeUnlistedEnrollments(store.connection)).to.equal(150);
    const repositories = mongoRepositories(store.connection);
    await repositories.enrollments.save(stored(150));
    const firstPage = await repositories.enrollments.list(WS, { programInstanceId: INSTANCE }, { page: 1, perPage: 100 });
    const secondPage = await repositories.enrollments.list(WS, { programInstanceId: INSTANCE }, { page: 2, perPage: 100 });
    expect([...firstPage.data, ...secondPage.data].map((row) => row.id)).to.deep.equal([...old, stored(150)].map((row) => row.id));
    expect(firstPage.totalItems).to.equal(151);
    const approved = await repositories.enrollments.list(WS, { programInstanceId: INSTANCE, statuses: ['approved'] }, { page: 1, perPage: 100 });
    expect(approved.data.map((row) => row.id)).to.deep.equal([...old, stored(150)].filter((_, n) => n % 10 === 0).map((row) => row.id));
    expect(approved.totalItems).to.equal(16);
    expect(await placeUnlistedEnrollments(store.connection)).to.equal(0);
  });
});

function stored(n: number): Enrollment {
  const createdAt = new Date(Date.parse('2024-06-01T00:00:00Z') + n * 60_000).toISOString();
  return {
    id: `cenrollmentunlisted${String(n).padStart(6, '0')}`, workspaceId: WS, programInstanceId: INSTANCE, identificationType: 'customerInfo',
    eligibility: { status: n % 10 === 0 ? 'approved' : 'candidate' }, seq: 1, createdAt, updatedAt: createdAt,
  };
}

import 'reflect-metadata';
import manual from '@flexroll/plugin-manual';
import { CoreHarness, describeStoreConformance, suzieWithDevice } from '@flexroll/core/testing';
import { expect } from 'chai';
import { mongoStoreModule } from './mongoStoreModule.js';
import { openMongoStore, type MongoStore } from './openMongoStore.js';
import { openSpecStore } from './specs/openSpecStore.js';

const uri = process.env.MONGODB_URI;

if (uri === undefined || uri === '') {
  describe('store-mongo', () => {
    it.skip(`runs against MongoDB: skipped, ${process.env.FLEXROLL_MONGO_SKIP_REASON ?? 'MONGODB_URI is not set'}`);
  });
} else {
  describe('store-mongo', function () {
    this.timeout(60_000);
    let store: MongoStore | undefined;
    before(async () => {
      store = await openSpecStore(uri, 'store_mongo');
    });
    after(async () => {
      await store?.dropDatabase();
      await store?.close();
    });

    it('creates the unique indexes the concurrency guards rely on, and opens again on the same database', async () => {
      const uniqueKeys = async (collection: string) =>
        (await (store?.connection.collection(collection).indexes() ?? [])).filter((index) => index.unique === true).map((index) => index.key);
      expect(await uniqueKeys('enrollment_events')).to.deep.equal([{ enrollmentId: 1, seq: 1 }]);
      expect(await uniqueKeys('claims')).to.deep.equal([{ workspaceId: 1, key: 1 }]);
      expect(await uniqueKeys('idempotency_records')).to.deep.equal([{ workspaceId: 1, key: 1 }]);
      expect(await uniqueKeys('api_keys')).to.deep.equal([{ secretHash: 1 }]);
      expect(await uniqueKeys('webhook_messages')).to.deep.equal([{ endpointId: 1, eventId: 1 }]);
      expect(await uniqueKeys('delivery_attempts')).to.deep.equal([{ subjectId: 1, attempt: 1 }]);
      const again = await openMongoStore(uri, { dbName: store?.connection.name ?? '' });
      await again.close();
    });

    it('takes over a device claim written before claims had ids and leases, and sweeps idempotency records that never expire', async () => {
      const h = new CoreHarness(mongoStoreModule(store!.connection), { adapters: [manual] });
      const { context, instance } = await h.tenant();
      // As the store wrote them before: a server-generated ObjectId, no lease, an owner that was never created.
      await store!.connection.collection('claims').insertOne({ workspaceId: context.workspaceId, key: `device:${instance.id}:SN-legacy`, ownerId: 'cneverwrittenbeforeupgrade', claimedAt: '2025-01-01T00:00:00.000Z' });
      await store!.connection.collection('idempotency_records').insertOne({ workspaceId: context.workspaceId, key: 'enroll-suzie', fingerprint: 'f', createdAt: '2025-01-01T00:00:00.000Z', response: { status: 201 } });
      const created = await h.enrollments.create(context, instance.id, suzieWithDevice('SN-legacy'));
      expect(created.serialNumber).to.equal('SN-legacy');
      expect(await h.idempotency.removeExpired()).to.be.at.least(1);
      expect(await store!.connection.collection('idempotency_records').countDocuments({ key: 'enroll-suzie' })).to.equal(0);
    });

  });

  describeStoreConformance('store-mongo', async () => {
    const store = await openSpecStore(uri, 'conformance');
    return {
      module: () => mongoStoreModule(store.connection),
      adapters: [manual],
      close: async () => {
        await store.dropDatabase();
        await store.close();
      },
    };
  });
}

import { startFerretDb } from '../scripts/ferretdb.mjs';
import { openMongoStore } from '@flexroll/store-mongo';
const server = await startFerretDb({});
try {
  const store = await openMongoStore(server.uri, { dbName: 'cal2' });
  const col = store.connection.collection('enrollment_events');
  await col.insertMany([{ _id: 'a', enrollmentId: 'e1', seq: 1 }, { _id: 'b', enrollmentId: 'e2', seq: 1 }]);
  try {
    const r = await col.insertMany([{ _id: 'c', enrollmentId: 'e3', seq: 1 }, { _id: 'd', enrollmentId: 'e1', seq: 1 }, { _id: 'b', enrollmentId: 'e9', seq: 1 }, { _id: 'f', enrollmentId: 'e4', seq: 1 }], { ordered: false });
    console.log('ok', r);
  } catch (e) {
    console.log(e.name, e.code, e.writeErrors?.map((w) => ({ index: w.index, code: w.code, msg: w.errmsg })), e.result?.insertedCount ?? e.insertedCount, Object.keys(e));
  }
  console.log(await col.find({}).toArray());
  // update concurrency check
  const jobs = store.connection.collection('jobs'); await jobs.insertOne({ _id: 'j', a: 0, b: 0 });
  await Promise.all(Array.from({ length: 20 }, (_, i) => jobs.updateOne({ _id: 'j' }, i % 2 ? { $set: { a: i } } : { $set: { b: i } })));
  console.log(await jobs.findOne({ _id: 'j' }));
  await store.dropDatabase(); await store.close();
} finally { await server.stop(); }

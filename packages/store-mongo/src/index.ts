/**
 * @flexroll/store-mongo — the MongoDB store on mongoose: every repository port of @flexroll/core, guarded by
 * unique-index inserts only, so that it behaves the same on MongoDB and on FerretDB v1 (DESIGN §3).
 * Its entry is what the composition root and the benchmarks use: open a store (connect, create the collections and
 * indexes) and get its container module, or drop a database; the repositories and models stay inside.
 */
import 'reflect-metadata';

export { mongoStoreModule } from './mongoStoreModule.js';
export { DEFAULT_POOL, dropDatabase, openMongoStore, type MongoStore, type MongoStoreOptions } from './openMongoStore.js';
export { DEFAULT_QUERY_TIME_LIMITS } from './documents/queryTimeLimit.js';

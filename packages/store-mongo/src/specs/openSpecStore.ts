import { randomBytes } from 'node:crypto';
import { openMongoStore, type MongoStore, type MongoStoreOptions } from '../openMongoStore.js';

/**
 * A store on a database of its own, named for this run, so parallel and repeated runs never share data. On FerretDB
 * on PostgreSQL (FLEXROLL_FERRETDB_POSTGRES_URL, set by the test runner) it gets the indexes production would.
 */
export function openSpecStore(uri: string, purpose: string, options: Pick<MongoStoreOptions, 'queryTimeLimitMs' | 'backgroundQueryTimeLimitMs' | 'poolSize' | 'poolWaitMs'> = {}): Promise<MongoStore> {
  const ferretDbPostgresUrl = process.env.FLEXROLL_FERRETDB_POSTGRES_URL;
  return openMongoStore(uri, {
    dbName: `flexroll_${purpose}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`,
    ...(ferretDbPostgresUrl === undefined || ferretDbPostgresUrl === '' ? {} : { ferretDbPostgresUrl }),
    ...options,
  });
}

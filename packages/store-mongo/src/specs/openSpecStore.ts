import { randomBytes } from 'node:crypto';
import { openMongoStore, type MongoStore } from '../openMongoStore.js';

/** A store on a database of its own, named for this run, so parallel and repeated runs never share data. */
export function openSpecStore(uri: string, purpose: string): Promise<MongoStore> {
  return openMongoStore(uri, { dbName: `flexroll_${purpose}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}` });
}

// MongoDB for the benchmarks: MONGODB_URI when set (and answering), else a FerretDB started on a free loopback port
// (scripts/ferretdb.mjs, the same server the tests use), else a reason to skip the MongoDB cases. Every benchmark
// store is a database of its own named flexroll_bench_*, dropped when the benchmark closes it.
import { randomBytes } from 'node:crypto';
import { mongoStoreModule, openMongoStore } from '@flexroll/store-mongo';
import { startFerretDb } from '../../scripts/ferretdb.mjs';

/**
 * @returns {Promise<{ uri: string, source: string, stop(): Promise<void> } | { skipReason: string }>}
 */
export async function provideMongo() {
  const configured = process.env.MONGODB_URI;
  if (configured) {
    try {
      await (await openMongoBenchStore({ uri: configured }, 'probe')).close();
      return { uri: configured, source: 'MONGODB_URI', stop: async () => {} };
    } catch (error) {
      return { skipReason: `MONGODB_URI is set but its server did not answer (${firstLine(error)})` };
    }
  }
  try {
    const server = await startFerretDb({ log: (message) => process.stderr.write(`${message}\n`) });
    const source = `FerretDB on ${server.backend === 'postgresql' ? 'PostgreSQL' : 'SQLite'}, started by the benchmark`;
    return { uri: server.uri, source, postgresUrl: server.postgresUrl, stop: () => server.stop() };
  } catch (error) {
    return { skipReason: `MONGODB_URI is not set and FerretDB could not be started (${firstLine(error)})` };
  }
}

function firstLine(error) {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}

/**
 * A MongoDB store on a database of its own (dropped by `close`). `module()` binds the same data each call, so several
 * harnesses on it stand for several processes on one database.
 */
export async function openMongoBenchStore(mongo, label) {
  const store = await openMongoStore(mongo.uri, {
    dbName: `flexroll_bench_${label}_${randomBytes(4).toString('hex')}`,
    // On FerretDB on PostgreSQL, the indexes production adds there (ADR 0008).
    ...(mongo.postgresUrl === undefined ? {} : { ferretDbPostgresUrl: mongo.postgresUrl }),
  });
  return {
    name: 'store-mongo',
    module: () => mongoStoreModule(store.connection),
    connection: store.connection,
    close: async () => {
      await store.dropDatabase().catch(() => undefined);
      await store.close();
    },
  };
}

/** "FerretDB v1.24.2 (MongoDB 7.0.42 protocol)" or "MongoDB 8.0.4", from buildInfo. */
export async function describeServer(connection) {
  try {
    const info = await connection.db.admin().command({ buildInfo: 1 });
    if (info.ferretdbVersion !== undefined) return `FerretDB ${info.ferretdbVersion} (MongoDB ${info.version} protocol)`;
    return `MongoDB ${info.version}`;
  } catch {
    return 'a MongoDB-compatible server';
  }
}

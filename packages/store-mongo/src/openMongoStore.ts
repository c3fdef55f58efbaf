import type { ContainerModule } from 'inversify';
import mongoose, { type Connection } from 'mongoose';
import { backfillMessageFilterKeys } from './documents/backfillMessageFilterKeys.js';
import { backfillInstanceEventLists } from './documents/backfillInstanceEventLists.js';
import { backfillListBuckets } from './documents/backfillListBuckets.js';
import { createMongoIndexes, mongoModels } from './MongoModels.js';
import { mongoStoreModule } from './mongoStoreModule.js';
import { addFerretDbPostgresIndexes } from './ferretdb/addFerretDbPostgresIndexes.js';
import { placeUnlistedEnrollments } from './lists/placeUnlistedEnrollments.js';
import { replaceOutdatedLists } from './lists/replaceOutdatedLists.js';
import { DEFAULT_QUERY_TIME_LIMITS, setQueryTimeLimits } from './documents/queryTimeLimit.js';

export interface MongoStoreOptions {
  /** The database to use; without it, the one named in the URI (or the driver's default, `test`). */
  readonly dbName?: string;
  /**
   * When the server is FerretDB on PostgreSQL: the PostgreSQL database it keeps its data in. The store then adds
   * the indexes FerretDB's queries can use there ({@link addFerretDbPostgresIndexes}); MongoDB needs nothing more.
   */
  readonly ferretDbPostgresUrl?: string;
  /** How long one query of a request may run on the server (`maxTimeMS`) before it is stopped and answered `503 store_busy`. */
  readonly queryTimeLimitMs?: number;
  /** The same for background work (jobs, sweeps, feeds), which nobody waits for but which must still end. */
  readonly backgroundQueryTimeLimitMs?: number;
  /** The most connections this process opens to the server (the driver's `maxPoolSize`). */
  readonly poolSize?: number;
  /** How long a query waits for a pooled connection to come free before it is answered `503 store_busy`. */
  readonly poolWaitMs?: number;
  /** Told of every command the driver finishes (its name, seconds, whether it failed): the store's latency metric. */
  readonly onCommand?: (command: string, seconds: number, failed: boolean) => void;
}

/** The pool's bounds when the caller gives none (ADR 0020). */
export const DEFAULT_POOL = { poolSize: 20, poolWaitMs: 2_000 } as const;

/** An open store: its connection, the module binding its repositories, and its lifecycle. */
export interface MongoStore {
  readonly connection: Connection;
  readonly module: ContainerModule;
  close(): Promise<void>;
  /** Drops the store's whole database; for tests that made one of their own. */
  dropDatabase(): Promise<void>;
}

/**
 * How long a request may wait for the server before the store reports it unavailable (503): to find a server,
 * to connect, and for an answer. Mongoose's own buffering (ten seconds of waiting while disconnected) is off.
 */
export const HOT_PATH_TIMEOUTS = { serverSelectionTimeoutMS: 2_000, connectTimeoutMS: 2_000, socketTimeoutMS: 20_000 } as const;
/** How long start-up waits for the server to answer at all. */
const STARTUP_PATIENCE_MS = 10_000;

/**
 * Connects, creates every collection and index the store declares, gives enrollments stored before lists were
 * counted their places (once, see {@link placeUnlistedEnrollments}), places them again when an older version placed
 * them ({@link replaceOutdatedLists}), and returns the store's module.
 * Fails within ten seconds when no server answers; after that, each operation fails within the short timeouts of
 * {@link HOT_PATH_TIMEOUTS} when the server goes away.
 *
 * @example
 * const store = await openMongoStore('mongodb://127.0.0.1:27017/', { dbName: 'flexroll' });
 * try { await container.load(store.module); … } finally { await store.close(); }
 */
export async function openMongoStore(uri: string, options: MongoStoreOptions = {}): Promise<MongoStore> {
  const connection = await connect(uri, options);
  // The one-time migrations of opening run under the default limits (a background query's 60 s), whatever the
  // deployment set for its own work: a short limit meant for requests or sweeps must not stop a store from opening.
  setQueryTimeLimits(connection, DEFAULT_QUERY_TIME_LIMITS);
  try {
    await createMongoIndexes(connection);
    if (options.ferretDbPostgresUrl !== undefined) await addFerretDbPostgresIndexes(connection, options.ferretDbPostgresUrl);
    await placeUnlistedEnrollments(connection);
    await replaceOutdatedLists(connection);
    await backfillListBuckets(mongoModels(connection));
    await backfillInstanceEventLists(mongoModels(connection));
    await backfillMessageFilterKeys(mongoModels(connection));
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
  setQueryTimeLimits(connection, {
    requestMs: options.queryTimeLimitMs ?? DEFAULT_QUERY_TIME_LIMITS.requestMs,
    backgroundMs: options.backgroundQueryTimeLimitMs ?? DEFAULT_QUERY_TIME_LIMITS.backgroundMs,
  });
  return {
    connection,
    module: mongoStoreModule(connection),
    close: () => connection.close(),
    dropDatabase: () => dropDatabase(connection),
  };
}

/** The first connection, retried for {@link STARTUP_PATIENCE_MS}: a server that starts a moment after us is fine. */
async function connect(uri: string, options: MongoStoreOptions): Promise<Connection> {
  const giveUpAt = Date.now() + STARTUP_PATIENCE_MS;
  for (;;) {
    const connection = mongoose.createConnection(uri, {
      ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
      autoIndex: false,
      autoCreate: false,
      bufferCommands: false,
      ...HOT_PATH_TIMEOUTS,
      // A bounded pool, and a short wait for it: when every connection is busy, a request is told so quickly
      // (503 store_busy) instead of queueing behind work that may take seconds each.
      maxPoolSize: options.poolSize ?? DEFAULT_POOL.poolSize,
      waitQueueTimeoutMS: options.poolWaitMs ?? DEFAULT_POOL.poolWaitMs,
      // The driver's command monitoring, only when someone listens: it costs an event per command.
      ...(options.onCommand === undefined ? {} : { monitorCommands: true }),
    });
    const onCommand = options.onCommand;
    if (onCommand !== undefined) {
      const client = connection.getClient();
      client.on('commandSucceeded', (event) => onCommand(event.commandName, event.duration / 1000, false));
      client.on('commandFailed', (event) => onCommand(event.commandName, event.duration / 1000, true));
    }
    try {
      return await connection.asPromise();
    } catch (error) {
      await connection.close().catch(() => undefined);
      if (Date.now() >= giveUpAt) throw error;
    }
  }
}

/** Drops a connection's database and everything in it. */
export async function dropDatabase(connection: Connection): Promise<void> {
  await connection.dropDatabase();
}

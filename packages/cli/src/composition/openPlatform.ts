import 'reflect-metadata';
import { Container } from 'inversify';
import { coreModule, loadAdapters, SecretBox, type Clock } from '@flexroll/core';
import { memoryStoreModule } from '@flexroll/store-memory';
import { openMongoStore } from '@flexroll/store-mongo';

/** The adapters every platform loads unless configured otherwise: the reference adapter. */
export const DEFAULT_ADAPTERS = ['@flexroll/plugin-manual'];

export interface PlatformOptions {
  /** Adapter packages or paths to load (FLEXROLL_ADAPTERS, comma-separated); the reference adapter by default. */
  readonly adapters?: readonly string[];
  /** MongoDB to use; without it, the embedded store (data lives only as long as the process). */
  readonly mongodbUri?: string;
  readonly dbName?: string;
  readonly clock?: Clock;
  /** Seals adapter secrets at rest (FLEXROLL_SECRET_KEY: 32 bytes, base64). Required with MongoDB, whose data outlives the process. */
  readonly secretKey?: string;
  /** How long an adapter may take to answer one call (the core's default otherwise). */
  readonly adapterTimeoutMs?: number;
}

/** The platform's container on its store: the one composition root of Flexroll. */
export interface Platform {
  readonly container: Container;
  readonly store: 'mongodb' | 'embedded';
  /** Resolves when the store answers; used by the readiness probe. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export async function openPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const adapters = await loadAdapters(options.adapters ?? DEFAULT_ADAPTERS);
  const embedded = options.mongodbUri === undefined || options.mongodbUri === '';
  const secretKey = options.secretKey ?? process.env.FLEXROLL_SECRET_KEY;
  if (!embedded && secretKey === undefined) {
    throw new Error('Set FLEXROLL_SECRET_KEY (32 random bytes in base64, e.g. `openssl rand -base64 32`): adapter secrets are stored encrypted with it.');
  }
  const secretBox = secretKey === undefined ? SecretBox.ephemeral() : SecretBox.fromBase64(secretKey);
  const container = new Container();
  const core = coreModule({
    adapters,
    secretBox,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.adapterTimeoutMs === undefined ? {} : { settings: { adapterTimeoutMs: options.adapterTimeoutMs } }),
  });
  if (embedded) {
    container.load(core, memoryStoreModule());
    return { container, store: 'embedded', ready: async () => {}, close: async () => {} };
  }
  const mongo = await openMongoStore(options.mongodbUri, options.dbName === undefined ? {} : { dbName: options.dbName });
  container.load(core, mongo.module);
  return {
    container,
    store: 'mongodb',
    ready: async () => {
      await mongo.connection.db?.admin().ping();
    },
    close: () => mongo.close(),
  };
}

/** The adapters FLEXROLL_ADAPTERS names (comma-separated packages or paths), if it is set. */
export function configuredAdapters(): { adapters?: string[] } {
  const names = process.env.FLEXROLL_ADAPTERS?.split(',').map((name) => name.trim()).filter(Boolean);
  return names === undefined || names.length === 0 ? {} : { adapters: names };
}

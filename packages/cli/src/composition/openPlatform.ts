import 'reflect-metadata';
import { Container } from 'inversify';
import { type ApiServices, type PromMetrics, SmtpCustomerMailer } from '@flexroll/api';
import { BackgroundRunner, CORE_TOKENS, coreModule, resolveAll, resolvePort, loadAdapters, SecretBox, STORE_TOKENS, type Clock, type CoreLogger, type CoreSettings, type RateCountRepository, type ResolveAll } from '@flexroll/core';
import { memoryStoreModule } from '@flexroll/store-memory';
import { openMongoStore } from '@flexroll/store-mongo';
import { coreSettingsOf, readSettings } from '../settings/readSettings.js';
import { DEFAULT_ADAPTERS, type Settings } from '../settings/settingsSchema.js';
import { apiServices } from './apiServices.js';

export interface PlatformOptions {
  /** Adapter packages or paths to load (`settings.adapters`, from FLEXROLL_ADAPTERS); the reference adapter by default. */
  readonly adapters?: readonly string[];
  /** MongoDB to use; without it, the embedded store (data lives only as long as the process). */
  readonly mongodbUri?: string;
  readonly dbName?: string;
  readonly clock?: Clock;
  /** Seals adapter secrets at rest (FLEXROLL_SECRET_KEY: 32 bytes, base64). Required with MongoDB, whose data outlives the process. */
  readonly secretKey?: string;
  /** How long an adapter may take to answer one call (the core's default otherwise). */
  readonly adapterTimeoutMs?: number;
  /** Other core settings (the sweep interval, cache sizes); they override the environment's. */
  readonly coreSettings?: Partial<CoreSettings>;
  /**
   * The environment's settings, read once by the caller; {@link readSettings} otherwise. The platform takes the
   * secret key, the FerretDB database and the core's settings from them (options given here override them).
   */
  readonly settings?: Settings;
  /** Where the core reports what it recovers from (a failed projection write, an adapter that threw). */
  readonly logger?: CoreLogger;
  /**
   * With FerretDB on PostgreSQL as the MongoDB server: that PostgreSQL database (FLEXROLL_FERRETDB_POSTGRES_URL),
   * so the store can add the indexes FerretDB's own queries can use there.
   */
  readonly ferretDbPostgresUrl?: string;
  /** The process's Prometheus metrics: the core reports into them, and the store's commands. */
  readonly metrics?: PromMetrics;
  /** Resolves host names for the SSRF guard on adapters (the system's resolver otherwise); for tests of DNS answers. */
  readonly resolveHost?: ResolveAll;
}

/** The platform's container on its store: the one composition root of Flexroll. */
export interface Platform {
  readonly container: Container;
  /** The services the API is built on. */
  readonly services: ApiServices;
  /** The background tasks (sweeps and the rest), ready to run; `except` leaves some out by name. */
  backgroundRunner(except?: readonly string[]): BackgroundRunner;
  readonly store: 'mongodb' | 'embedded';
  /** The counts the rate limit and the failed-authentication throttle share with every process on the store. */
  readonly rateCounts: RateCountRepository;
  /** Resolves when the store answers; used by the readiness probe. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export async function openPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const adapters = await loadAdapters(options.adapters ?? DEFAULT_ADAPTERS);
  const embedded = options.mongodbUri === undefined || options.mongodbUri === '';
  const settings = options.settings ?? readSettings();
  const secretKey = options.secretKey ?? settings.secretKey;
  if (!embedded && secretKey === undefined) {
    throw new Error('Set FLEXROLL_SECRET_KEY (32 random bytes in base64, e.g. `openssl rand -base64 32`): adapter secrets are stored encrypted with it.');
  }
  const secretBox = secretKey === undefined ? SecretBox.ephemeral() : SecretBox.fromBase64(secretKey);
  const container = new Container();
  bindCustomerMailer(container, settings);
  const core = coreModule({
    adapters,
    secretBox,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    settings: { ...coreSettingsOf(settings), ...options.coreSettings, ...(options.adapterTimeoutMs === undefined ? {} : { adapterTimeoutMs: options.adapterTimeoutMs }) },
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.resolveHost === undefined ? {} : { resolveHost: options.resolveHost }),
  });
  if (embedded) {
    container.load(core, memoryStoreModule());
    return { container, services: apiServices(container), backgroundRunner: runnerFor(container), store: 'embedded', rateCounts: resolvePort(container, STORE_TOKENS.rateCounts), ready: async () => {}, close: async () => closeTransport(container) };
  }
  const ferretDbPostgresUrl = options.ferretDbPostgresUrl ?? settings.ferretDbPostgresUrl;
  const mongo = await openMongoStore(options.mongodbUri, {
    ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
    ...(ferretDbPostgresUrl === undefined || ferretDbPostgresUrl === '' ? {} : { ferretDbPostgresUrl }),
    queryTimeLimitMs: settings.storeQueryTimeoutMs,
    backgroundQueryTimeLimitMs: settings.storeBackgroundQueryTimeoutMs,
    poolSize: settings.storePoolSize,
    poolWaitMs: settings.storePoolWaitMs,
    ...(options.metrics === undefined ? {} : { onCommand: (command: string, seconds: number, failed: boolean) => options.metrics!.storeCommand(command, seconds, failed ? 'error' : 'ok') }),
  });
  container.load(core, mongo.module);
  return {
    container,
    services: apiServices(container),
    backgroundRunner: runnerFor(container),
    store: 'mongodb',
    rateCounts: resolvePort(container, STORE_TOKENS.rateCounts),
    ready: async () => {
      await mongo.connection.db?.admin().ping();
    },
    close: async () => {
      closeTransport(container);
      await mongo.close();
    },
  };
}

/**
 * With `FLEXROLL_SMTP_URL`, the customer mail port on SMTP (the core owes customers mail only when it is bound).
 * It needs a sender and the public URL its links lead to; a half-configured mailer stops the start, not a mail.
 */
function bindCustomerMailer(container: Container, settings: Settings): void {
  if (settings.smtpUrl === undefined) return;
  if (settings.mailFrom === undefined) throw new Error('FLEXROLL_SMTP_URL is set, so set FLEXROLL_MAIL_FROM too (the sender of the mails to customers).');
  if (settings.publicUrl === undefined) throw new Error('FLEXROLL_SMTP_URL is set, so set FLEXROLL_PUBLIC_URL too (where the status links in the mails lead).');
  container.bind(CORE_TOKENS.customerMailer).toConstantValue(new SmtpCustomerMailer({ smtpUrl: settings.smtpUrl, from: settings.mailFrom, publicUrl: settings.publicUrl }));
}

/** Lets go of the webhook transport's kept-alive connections, so that a stopped platform holds nothing open. */
function closeTransport(container: Container): void {
  const transport = resolvePort(container, CORE_TOKENS.webhookTransport) as { close?: () => void };
  transport.close?.();
  if (container.isBound(CORE_TOKENS.customerMailer)) (resolvePort(container, CORE_TOKENS.customerMailer) as { close?: () => void }).close?.();
}

function runnerFor(container: Container): Platform['backgroundRunner'] {
  return (except = []) => {
    const tasks = resolveAll(container, CORE_TOKENS.backgroundTasks).filter((task) => !except.includes(task.name));
    return new BackgroundRunner(tasks, resolvePort(container, CORE_TOKENS.logger), resolvePort(container, CORE_TOKENS.metrics));
  };
}

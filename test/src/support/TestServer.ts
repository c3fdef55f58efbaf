import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { createApp, createHttpServer, createLogger, type ApiServices, type CustomerPageOptions } from '@flexroll/api';
import { openPlatform, type Platform, readSettings } from '@flexroll/cli';
import { ApiKeyService, ManualClock, SystemClock, WorkspaceService, type ApiKeyPermission, type BackgroundRunner, type CoreSettings, type ResolveAll } from '@flexroll/core';
import { ContractRecorder } from './ContractRecorder.js';
import { freshDbName, type StoreChoice } from './stores.js';

export const ADMIN_TOKEN = 'fr_admin_test_token_for_black_box_tests';
/** A fixed secret-sealing key for tests (32 bytes, base64). */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

export interface RequestOptions {
  readonly key?: string;
  readonly body?: unknown;
  /** A raw body sent as is (for malformed JSON and media-type tests). */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
}

/**
 * The real server on a real port, on the chosen store, with a manual clock. Every response is checked against
 * the OpenAPI contract; every log line is kept so a test can look for leaks.
 */
export class TestServer {
  readonly contract = new ContractRecorder();
  readonly logLines: string[] = [];
  readonly clock = new ManualClock('2025-01-01T09:00:00Z');
  #platform!: Platform;
  #services!: { -readonly [K in keyof ApiServices]: ApiServices[K] };
  #server!: Server;
  #base!: string;
  #background: BackgroundRunner | undefined;
  #dbName: string | undefined;

  static async start(
    store: StoreChoice,
    options: {
      rateLimitPerMinute?: number; failedAuthPerMinute?: number; bodyLimit?: string; ready?: () => Promise<void>; adapters?: string[];
      failedSignInsPerEmailPerMinute?: number; trustProxy?: boolean | number | string; publicUrl?: string;
      workspaceConcurrentRequests?: number; workspaceConcurrentListReads?: number; workspaceQueueWaitMs?: number;
      coreSettings?: Partial<CoreSettings>;
      /** Another server's address than the store's own (a proxy that can be cut, for outage tests). */
      mongodbUri?: string;
      /** Run jobs (imports, bulk actions) in this process, as `flexroll serve` does on the embedded store. */
      jobs?: boolean;
      /** The wall clock instead of the manual one: for tests whose receivers check signatures' timestamps against now. */
      systemClock?: boolean;
      /** Answers host names for the SSRF guard on adapters' calls (DNS rebinding tests); the system's resolver otherwise. */
      resolveHost?: ResolveAll;
      /** FLEXROLL_SECRET_KEY, when not the tests' one (for two processes started with different keys). */
      secretKey?: string;
      /** On MongoDB, another server's database (`TestServer.dbName`) rather than a fresh one: two processes of one deployment. */
      sharedDbName?: string;
      /** The customer pages' limits and options (issue 22). */
      customerPages?: CustomerPageOptions;
      /** FLEXROLL_SMTP_URL, FLEXROLL_MAIL_FROM and FLEXROLL_PUBLIC_URL: customers are e-mailed (issue 22). */
      mail?: { smtpUrl: string; mailFrom: string; publicUrl: string };
    } = {},
  ): Promise<TestServer> {
    const server = new TestServer();
    const uri = options.mongodbUri ?? store.uri();
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => server.logLines.push(...chunk.toString().split('\n').filter(Boolean)));
    const logger = createLogger({ stream });
    server.#dbName = uri === undefined ? undefined : (options.sharedDbName ?? freshDbName('api'));
    server.#platform = await openPlatform({
      clock: options.systemClock === true ? new SystemClock() : server.clock,
      secretKey: options.secretKey ?? TEST_SECRET_KEY,
      logger,
      ...(options.adapters === undefined ? {} : { adapters: options.adapters }),
      coreSettings: { jobIntervalMs: 20, ...options.coreSettings },
      ...(uri === undefined || server.#dbName === undefined ? {} : { mongodbUri: uri, dbName: server.#dbName }),
      ...(options.resolveHost === undefined ? {} : { resolveHost: options.resolveHost }),
      ...(options.mail === undefined ? {} : { settings: { ...readSettings(), ...options.mail } }),
    });
    // Jobs (imports, bulk actions) run in the server's own process here, as in `flexroll serve` on the embedded store.
    if (options.jobs === true) (server.#background = server.#platform.backgroundRunner(['sweeps'])).start();
    server.#services = { ...server.#platform.services };
    const { jobs: _jobs, coreSettings: _core, adapters: _adapters, systemClock: _clock, mongodbUri: _uri, resolveHost: _resolve, secretKey: _key, sharedDbName: _db, mail: _mail, ...appOptions } = options;
    // The specs race up to 50 requests of one workspace (hot enrollments, device claims) to test what the domain
    // answers them; the workspace's share of the process (ADR 0020) is raised out of their way unless a spec sets it.
    const app = createApp({
      services: server.#services, logger, adminToken: ADMIN_TOKEN, ready: () => server.#platform.ready(), failedAuthPerMinute: 10_000, workspaceConcurrentRequests: 10_000, workspaceConcurrentListReads: 10_000,
      ...appOptions,
    });
    server.#server = createHttpServer(app).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.#server.once('listening', resolve));
    server.#base = `http://127.0.0.1:${(server.#server.address() as AddressInfo).port}`;
    return server;
  }

  get container() {
    return this.#platform.container;
  }

  /** The platform's background tasks (sweeps, webhook delivery), to start in tests that need them. */
  backgroundRunner(except?: readonly string[]) {
    return this.#platform.backgroundRunner(except);
  }

  /** Hands the API another implementation of one service until the returned function puts the real one back. */
  substitute<K extends keyof ApiServices>(name: K, replacement: ApiServices[K]): () => void {
    const original = this.#services[name];
    this.#services[name] = replacement;
    return () => {
      this.#services[name] = original;
    };
  }

  async stop(): Promise<void> {
    await this.#background?.stop();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
    await this.#platform.close();
  }

  /** A new workspace and a secret key (or a scoped one with these permissions) for it. */
  async workspace(name = 'Leap Energy', permissions?: ApiKeyPermission[]): Promise<{ workspaceId: string; key: string }> {
    const workspace = await this.container.get(WorkspaceService).create(name);
    const { secret } = await this.container.get(ApiKeyService).create(workspace.id, {
      name: 'tests', mode: 'live', type: permissions === undefined ? 'secret' : 'scoped', ...(permissions === undefined ? {} : { permissions }),
    });
    return { workspaceId: workspace.id, key: secret };
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...(options.key === undefined ? {} : { authorization: `Bearer ${options.key}` }), ...options.headers };
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.#base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    // A download (text/csv) is answered as its text.
    const parsed = text === '' ? undefined : (response.headers.get('content-type') ?? '').startsWith('text/') ? text : JSON.parse(text);
    this.contract.check(method, path, response.status, parsed);
    if (response.status >= 400 && parsed?.error?.requestId !== response.headers.get('x-request-id')) {
      this.contract.violations.push(`${method} ${path} ${response.status}: X-Request-Id ${response.headers.get('x-request-id')} is not the body's requestId ${parsed?.error?.requestId}`);
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get = <T = any>(path: string, options?: RequestOptions) => this.request<T>('GET', path, options);
  post = <T = any>(path: string, options?: RequestOptions) => this.request<T>('POST', path, options);
  patch = <T = any>(path: string, options?: RequestOptions) => this.request<T>('PATCH', path, options);
  delete = <T = any>(path: string, options?: RequestOptions) => this.request<T>('DELETE', path, options);

  get base(): string {
    return this.#base;
  }

  /** On MongoDB, the name of this server's database (for a second server of the same deployment). */
  get dbName(): string | undefined {
    return this.#dbName;
  }

  /** On MongoDB, the URI of this server's own database (for worker processes that share it). */
  get mongoUri(): string | undefined {
    const uri = process.env.MONGODB_URI;
    if (uri === undefined || this.#dbName === undefined) return undefined;
    const url = new URL(uri);
    url.pathname = `/${this.#dbName}`;
    return url.toString();
  }
}

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createApp, createHttpServer, createLogger, invitationLink } from '@flexroll/api';
import type { BackgroundRunner } from '@flexroll/core';
import { bootstrapDemo, type DemoCredentials } from '../composition/bootstrapDemo.js';
import { openPlatform } from '../composition/openPlatform.js';
import { readSettings } from '../settings/readSettings.js';
import { trustProxyValue } from '../settings/trustProxyValue.js';

/**
 * The built console (packages/console/dist, which `npm run build` makes), beside this package in the repository:
 * from packages/cli/dist/commands/ (or build/commands/) up to packages/.
 */
const CONSOLE_DIST = fileURLToPath(new URL('../../../console/dist', import.meta.url));

/** How long requests in flight may take to finish after SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface ServeOptions {
  /** Port and host from the command line; without them, the environment's (see readSettings). */
  readonly port?: number;
  readonly host?: string;
  /** How often this process sweeps when it is its own worker (the embedded store); 0 to never. */
  readonly sweepSeconds: number;
}

/**
 * `flexroll serve`: the API on MongoDB when MONGODB_URI is set, else on the embedded store — said plainly, with
 * a demo workspace and key, since nothing else can reach that store. Shuts down gracefully on SIGTERM/SIGINT.
 */
export async function serve(options: ServeOptions): Promise<void> {
  const settings = readSettings();
  const host = options.host ?? settings.host;
  const logger = createLogger({ level: settings.logLevel });
  // The adapter timeout and the leases come with the rest of the core's settings (openPlatform takes them from `settings`).
  const platform = await openPlatform({
    settings,
    ...(settings.mongodbUri === undefined ? {} : { mongodbUri: settings.mongodbUri }),
    adapters: settings.adapters,
    coreSettings: { sweepIntervalMs: Math.max(1, options.sweepSeconds) * 1000 },
    logger,
  });
  const adminToken = settings.adminToken ?? (platform.store === 'embedded' ? `fr_admin_${randomBytes(24).toString('base64url')}` : undefined);
  const app = createApp({
    services: platform.services,
    logger,
    adminToken,
    rateLimitPerMinute: settings.rateLimitPerMinute,
    failedAuthPerMinute: settings.failedAuthPerMinute,
    failedSignInsPerEmailPerMinute: settings.failedSignInsPerEmailPerMinute,
    trustProxy: trustProxyValue(settings.trustProxy),
    ...(settings.publicUrl === undefined ? {} : { publicUrl: settings.publicUrl }),
    bodyLimit: settings.bodyLimit,
    workspaceConcurrentRequests: settings.workspaceConcurrentRequests,
    workspaceConcurrentListReads: settings.workspaceConcurrentListReads,
    workspaceQueueWaitMs: settings.workspaceQueueWaitMs,
    ready: () => platform.ready(),
    consoleDirectory: CONSOLE_DIST,
  });
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = settings;
  // Headers must come in sooner than the whole request: node refuses a headers timeout longer than the request's.
  const server = createHttpServer(app, { headersTimeoutMs: Math.min(headersTimeoutMs, requestTimeoutMs), requestTimeoutMs, keepAliveTimeoutMs });
  server.listen(options.port ?? settings.port, host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

  let background: BackgroundRunner | undefined;
  if (platform.store === 'embedded') {
    const demo = await bootstrapDemo(platform.container);
    process.stdout.write(embeddedBanner(base, demo, settings.adminToken === undefined ? adminToken : undefined, invitationLink(settings.publicUrl ?? base, demo.adminInvitationToken)));
    // Nothing else can reach this store, so this process is its own worker too.
    background = platform.backgroundRunner(options.sweepSeconds > 0 ? [] : ['sweeps']);
    background.start();
  } else {
    process.stdout.write(`Flexroll API on ${base} (MongoDB). Reference: ${base}/docs · Console: ${base}/console\n`);
  }
  logger.info('server started', { port, store: platform.store });

  const stop = async (signal: string) => {
    logger.info('shutting down', { signal });
    await background?.stop();
    // Stop accepting, let requests in flight finish (up to a grace period), then close the store.
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const grace = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
    await drained;
    clearTimeout(grace);
    await platform.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

function embeddedBanner(base: string, demo: DemoCredentials, adminToken: string | undefined, adminLink: string): string {
  return [
    '',
    `Flexroll API on ${base} — EMBEDDED STORE: no MONGODB_URI is set, so data is kept in this process's memory only`,
    'and is lost when it stops. Set MONGODB_URI to keep it.',
    '',
    `  workspace   ${demo.workspaceId}`,
    `  secret key  ${demo.secretKey}   (shown once; test mode)`,
    `  program     ${demo.programId}   (Community Powershare)`,
    `  member      ${demo.adminEmail} (admin, invited): set its password at ${adminLink}`,
    ...(adminToken === undefined ? [] : [`  admin token ${adminToken}   (for POST /programs; set FLEXROLL_ADMIN_TOKEN to choose it)`]),
    '',
    `  Try:  curl -H "Authorization: Bearer ${demo.secretKey}" ${base}/programs`,
    `  API reference: ${base}/docs`,
    `  Console:       ${base}/console`,
    '',
  ].join('\n') + '\n';
}

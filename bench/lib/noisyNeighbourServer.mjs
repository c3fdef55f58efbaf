// The server of bench/noisyNeighbour.mjs, in a process of its own: the platform (openPlatform, configured from the
// environment as `flexroll serve` is: MONGODB_URI or the embedded store, the FLEXROLL_* limits), the API on a free
// loopback port, two workspaces (A, the noisy one, and B, its neighbour) with a secret key each and one program. Jobs
// run in this process while the benchmark seeds A (an import), as `flexroll serve` does on the embedded store; the
// benchmark then stops them, so that what it measures is the API alone.
//
// Lines of JSON on stdin: { stopBackground: true } stops the background tasks. It first prints
// { base, program, a: { key }, b: { key } }.
import 'reflect-metadata';
import { ApiKeyService, WorkspaceService } from '@flexroll/core';
import { createApp, createHttpServer, createLogger } from '@flexroll/api';
import { bootstrapDemo, openPlatform, readSettings } from '@flexroll/cli';
import { Writable } from 'node:stream';
import { answerEachLine } from './jsonLinesAnswers.mjs';

const settings = readSettings();
// The request log is not wanted here: one line per request would cost the measured process its own time.
const logger = createLogger({ level: 'warn', stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
const platform = await openPlatform({ settings, ...(settings.mongodbUri === undefined ? {} : { mongodbUri: settings.mongodbUri }), adapters: settings.adapters, logger });
const demo = await bootstrapDemo(platform.container);
const neighbour = await platform.container.get(WorkspaceService).create('Neighbour workspace');
const { secret: neighbourKey } = await platform.container.get(ApiKeyService).create(neighbour.id, { name: 'bench', type: 'secret', mode: 'test' });
let background = platform.backgroundRunner(['sweeps']);
background.start();
const app = createApp({
  services: platform.services,
  logger,
  rateLimitPerMinute: 1_000_000_000,
  workspaceConcurrentRequests: settings.workspaceConcurrentRequests,
  workspaceConcurrentListReads: settings.workspaceConcurrentListReads,
  workspaceQueueWaitMs: settings.workspaceQueueWaitMs,
  ready: () => platform.ready(),
});
const server = createHttpServer(app).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const answer = {
  base: `http://127.0.0.1:${server.address().port}`,
  store: platform.store,
  program: demo.programId,
  a: { key: demo.secretKey },
  b: { key: neighbourKey },
  limits: { workspaceConcurrentRequests: settings.workspaceConcurrentRequests, workspaceConcurrentListReads: settings.workspaceConcurrentListReads, workspaceQueueWaitMs: settings.workspaceQueueWaitMs, storeQueryTimeoutMs: settings.storeQueryTimeoutMs, storePoolSize: settings.storePoolSize },
};
process.stdout.write(`${JSON.stringify(answer)}\n`);

await answerEachLine(async (request) => {
  if (request.stopBackground === true && background !== undefined) {
    await background.stop();
    background = undefined;
  }
  return { ok: true };
});
await background?.stop();
server.closeAllConnections();
await new Promise((resolve) => server.close(resolve));
await platform.close();

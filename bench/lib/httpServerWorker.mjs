// The server side of bench/http.mjs, in a worker thread so that the client's fetch and the server's express do not
// share one event loop: the platform from the composition root (openPlatform, embedded store, default adapters),
// a workspace with a secret key and one enrollment, and the express app on 127.0.0.1 at a free port. On request it
// also runs the baseline, the same service call in-process, here where the service lives; and it serves the floor.
import 'reflect-metadata';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import { createApp, createLogger } from '@flexroll/api';
import { openPlatform } from '@flexroll/cli';
import { ApiKeyService, EnrollmentService, ProgramInstanceService, ProgramService, WorkspaceService } from '@flexroll/core';
import { COMMUNITY_POWERSHARE, SUZIE_CUSTOMER_INFO } from '@flexroll/core/testing';
import { lanes } from './measure.mjs';

const platform = await openPlatform();
const { container } = platform;
const workspace = await container.get(WorkspaceService).create('Bench workspace');
const { key, secret } = await container.get(ApiKeyService).create(workspace.id, { name: 'bench', type: 'secret', mode: 'test' });
// The context the API builds for this key (packages/api/src/auth/authenticate.ts).
const context = { workspaceId: workspace.id, actor: { type: 'api_key', id: key.id }, source: 'api', liveMode: false };
const program = await container.get(ProgramService).create(COMMUNITY_POWERSHARE);
const instance = await container.get(ProgramInstanceService).create(context, { programId: program.id, name: 'Community Powershare 2025' });
const enrollments = container.get(EnrollmentService);
const enrollment = await enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);

// Every request still logs one line through winston (redaction and JSON formatting included); the lines are discarded.
const logger = createLogger({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
// The default limit (600 requests per key per minute, per process) would answer this benchmark with 429s.
const app = createApp({ container, logger, rateLimitPerMinute: 1_000_000_000 });
const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');

// The floor: node's own HTTP server answering a constant, in this same thread.
const bare = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
bare.listen(0, '127.0.0.1');
await once(bare, 'listening');

parentPort.on('message', async (message) => {
  if (message.type === 'run') {
    const sample = await lanes(() => enrollments.get(context, enrollment.id), message.concurrency)(message.count, message.firstIndex);
    parentPort.postMessage({ type: 'sample', sample });
  } else if (message.type === 'stop') {
    for (const listening of [server, bare]) {
      listening.close();
      listening.closeAllConnections();
    }
    await platform.close();
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready', port: server.address().port, barePort: bare.address().port, secret, enrollmentId: enrollment.id });

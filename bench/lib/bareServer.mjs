// The baseline of bench/server.mjs: a bare express 5 app, in a process of its own, answering the routes under test
// with the bytes the real server answered them with (captured first), under the same content type. For a POST it
// parses the JSON body the way the real server does (express.json, same limit, application/json only) and picks the
// answer by that body, so that alternating bodies get their own answers. No authentication, rate limit, validation,
// service call or log line: what is left is node's HTTP server and express, the floor under the real server.
//
// It prints {"port": N} once listening on 127.0.0.1, then reads one table per line of JSON on stdin, replaces its
// routes with it and answers {"routes": n} on stdout. A table: [{ method, path (express pattern), json?: true,
// answers: [{ request?: <the JSON request body>, status, contentType, body (base64) }] }].
//
//   node bench/lib/bareServer.mjs        (express is resolved from @flexroll/api, whose dependency it is)
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { answerEachLine } from './jsonLinesAnswers.mjs';

const express = createRequire(import.meta.resolve('@flexroll/api'))('express');
const BODY_LIMIT = process.env.FLEXROLL_BODY_LIMIT || '100kb';

let router = express.Router();
const app = express();
app.disable('x-powered-by');
app.use((request, response, next) => router(request, response, next));

const server = app.listen(0, '127.0.0.1');
await once(server, 'listening');
process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);

/** A router answering each route of the table with its captured bytes. */
function routerFor(table) {
  const next = express.Router();
  for (const route of table) {
    const answers = new Map(route.answers.map((answer) => [
      answer.request === undefined ? '' : JSON.stringify(answer.request),
      { status: answer.status, contentType: answer.contentType, body: Buffer.from(answer.body, 'base64') },
    ]));
    const handlers = route.json ? [express.json({ limit: BODY_LIMIT, type: 'application/json' })] : [];
    next[route.method.toLowerCase()](route.path, ...handlers, (request, response) => {
      const answer = answers.get(route.json ? JSON.stringify(request.body) : '');
      if (answer === undefined) return void response.status(404).json({ error: 'no captured answer for this request' });
      response.status(answer.status).set('Content-Type', answer.contentType).send(answer.body);
    });
  }
  return next;
}

await answerEachLine(async (table) => {
  router = routerFor(table);
  return { routes: table.length };
});
server.close();
server.closeAllConnections();

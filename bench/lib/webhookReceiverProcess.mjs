// A webhook receiver in a process of its own (so that it does not share the benchmark's CPU): answers every POST
// 204 at once and tells the parent, over IPC, each delivery's webhook-id, the event's time and when it arrived.
import { createServer } from 'node:http';

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const arrivedAt = Date.now();
    response.writeHead(204).end();
    const body = Buffer.concat(chunks).toString('utf8');
    const timestamp = body.startsWith('{"id"') ? JSON.parse(body).timestamp : undefined;
    process.send?.({ id: request.headers['webhook-id'], timestamp, arrivedAt });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PromMetrics } from './PromMetrics.js';

/**
 * The metrics on a port of their own (FLEXROLL_METRICS_PORT): `GET /metrics` in Prometheus's text format, nothing
 * else. Apart from the API's port so that a scraper needs no API credential and the metrics never reach the load
 * balancer: an operator keeps the port on the private network. Resolves with the URL it listens on.
 */
export async function serveMetrics(metrics: PromMetrics, port: number, host: string): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics here.\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  server.unref();
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${bound}/metrics`, server };
}

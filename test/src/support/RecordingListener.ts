import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that reached a {@link RecordingListener}: where it went and what it carried. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/**
 * A real HTTP server on loopback that records every request and answers 200 `{}`: the "internal service" an SSRF
 * would reach. A test asserts it received nothing (no call, no credential) where the guard must stop a call.
 */
export class RecordingListener {
  readonly received: ReceivedRequest[] = [];
  #server!: Server;

  static async start(): Promise<RecordingListener> {
    const listener = new RecordingListener();
    listener.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        listener.received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => listener.#server.listen(0, '127.0.0.1', resolve));
    return listener;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }
}

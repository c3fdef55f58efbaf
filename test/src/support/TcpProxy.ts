import net from 'node:net';

/**
 * A TCP proxy in front of the test's MongoDB, so a test can take the store away (and bring it back) without
 * touching the server other tests share: `cut()` closes every connection and refuses new ones, `restore()` accepts
 * them again on the same port.
 */
export class TcpProxy {
  readonly #sockets = new Set<net.Socket>();
  #server: net.Server | undefined;

  private constructor(private readonly target: { host: string; port: number }, private port = 0) {}

  /** A proxy to the host and port of a MongoDB URI; its own URI has the proxy's port instead. */
  static async start(mongodbUri: string): Promise<{ proxy: TcpProxy; uri: string }> {
    const url = new URL(mongodbUri);
    const proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 27017) });
    await proxy.restore();
    url.port = String(proxy.port);
    return { proxy, uri: url.toString() };
  }

  async restore(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on('close', () => this.#sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.#server = server;
  }

  /** The store goes away: open connections drop, new ones are refused. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    if (server !== undefined) await new Promise((resolve) => server.close(resolve));
  }
}

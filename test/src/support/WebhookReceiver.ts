import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it: raw body (what a signature covers) and headers. */
export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly payload: { id: string; type: string; enrollmentId: string | null; seq: number | null; data: any };
}

/** Receivers listen on loopback, which the SSRF guard refuses: the tests that use them allow private networks, knowingly. */
export const LOOPBACK_RECEIVERS = { webhookAllowPrivateNetworks: true, webhookPollIntervalMs: 20, webhookRetryScheduleMs: [100, 200, 400], webhookRetryJitter: 0 };

/** What the receiver answers: a status (and headers), after a delay, or a dropped connection. */
export interface ReceiverAnswer {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly delayMs?: number;
  readonly drop?: boolean;
  /** Holds the answer until this settles (a receiver that hangs until the test lets it go). */
  readonly release?: Promise<unknown>;
}

/**
 * A real HTTP receiver on a loopback port for the webhook tests: it records every request and answers as the test
 * says (204 by default). It can go down (connections refused) and come back on the same port.
 */
export class WebhookReceiver {
  readonly received: ReceivedRequest[] = [];
  /** Requests being answered right now (a worker killed now is killed mid-delivery). */
  inFlight = 0;
  answer: (request: ReceivedRequest) => ReceiverAnswer = () => ({ status: 204 });
  #server!: Server;
  #port = 0;

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.up();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}/flexroll-webhooks`;
  }

  async up(): Promise<void> {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const received = { headers: request.headers, body, payload: JSON.parse(body) as ReceivedRequest['payload'] };
        this.received.push(received);
        const answer = this.answer(received);
        this.inFlight++;
        const reply = () => {
          this.inFlight--;
          if (answer.drop === true) return void request.socket.destroy();
          response.writeHead(answer.status ?? 204, answer.headers ?? {}).end(answer.body ?? '');
        };
        void Promise.resolve(answer.release).then(() => setTimeout(reply, answer.delayMs ?? 0));
      });
    });
    await new Promise<void>((resolve) => this.#server.listen(this.#port, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
  }

  /** Stops listening and drops every open connection: the receiver is down. */
  async down(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  /** Waits until `done()` holds, checking every 20 ms, for at most `ms`. */
  async until(done: () => boolean, ms = 15_000, what = 'the deliveries'): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what} after ${ms} ms (received ${this.received.length})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * The consumer-side checks of the chaos tests: every expected event arrived at least once, every duplicate carries
 * the same webhook-id and body, and each enrollment's events arrived in `seq` order (a repeat never follows a later
 * one). Returns the problems, if any.
 */
export function deliveryProblems(received: readonly ReceivedRequest[], expected: ReadonlyMap<string, readonly number[]>): string[] {
  const problems: string[] = [];
  const bodies = new Map<string, string>();
  const highest = new Map<string, number>();
  for (const { headers, body, payload } of received) {
    if (headers['webhook-id'] !== payload.id) problems.push(`webhook-id ${String(headers['webhook-id'])} is not the payload id ${payload.id}`);
    const earlier = bodies.get(payload.id);
    if (earlier !== undefined && earlier !== body) problems.push(`${payload.id} arrived twice with different bodies`);
    bodies.set(payload.id, body);
    if (payload.enrollmentId === null || payload.seq === null) continue;
    const last = highest.get(payload.enrollmentId) ?? 0;
    if (payload.seq < last) {
      const order = received.filter((request) => request.payload.enrollmentId === payload.enrollmentId).map((request) => `${request.payload.seq}:${request.payload.type}`);
      problems.push(`${payload.enrollmentId}: seq ${payload.seq} arrived after seq ${last} (arrivals: ${order.join(', ')})`);
    }
    highest.set(payload.enrollmentId, Math.max(last, payload.seq));
  }
  for (const [enrollmentId, seqs] of expected) {
    const got = new Set(received.filter((request) => request.payload.enrollmentId === enrollmentId).map((request) => request.payload.seq));
    const lost = seqs.filter((seq) => !got.has(seq));
    if (lost.length > 0) problems.push(`${enrollmentId}: seq ${lost.join(', ')} never arrived`);
  }
  return problems;
}

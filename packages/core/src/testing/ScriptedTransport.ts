import type { WebhookRequest, WebhookResult, WebhookTransport } from '../webhooks/transport/WebhookTransport.js';

/** A delivery as the receiver got it: the URL, the Standard Webhooks headers and the parsed body. */
export interface ReceivedWebhook {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly payload: { readonly id: string; readonly type: string; readonly enrollmentId: string | null; readonly seq: number | null; readonly data: Readonly<Record<string, unknown>> };
}

export type Answer = WebhookResult | 'hang';

/**
 * A webhook transport for the core's specs: records every request and answers as the spec says (by default 204),
 * or never (`'hang'`, a worker stuck mid-delivery). The stores are real; only the network is scripted.
 */
export class ScriptedTransport implements WebhookTransport {
  readonly received: ReceivedWebhook[] = [];
  answer: (request: ReceivedWebhook) => Answer = () => ({ kind: 'response', statusCode: 204, body: '', latencyMs: 1 });

  send(request: WebhookRequest): Promise<WebhookResult> {
    const received: ReceivedWebhook = { url: request.url, headers: request.headers, body: request.body, payload: JSON.parse(request.body) as ReceivedWebhook['payload'] };
    this.received.push(received);
    const answer = this.answer(received);
    return answer === 'hang' ? new Promise<WebhookResult>(() => undefined) : Promise.resolve(answer);
  }

  /** What reached one URL. */
  to(url: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.url === url);
  }
}

export const status = (statusCode: number, extra: { retryAfter?: string; body?: string } = {}): WebhookResult => ({ kind: 'response', statusCode, body: extra.body ?? '', latencyMs: 1, ...(extra.retryAfter === undefined ? {} : { retryAfter: extra.retryAfter }) });

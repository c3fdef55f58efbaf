/** One POST of a signed webhook. */
export interface WebhookRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/** What came back: an HTTP answer (any status), or no answer at all, with the reason. */
export type WebhookResult =
  | { readonly kind: 'response'; readonly statusCode: number; readonly retryAfter?: string; readonly body: string; readonly latencyMs: number }
  | { readonly kind: 'error'; readonly error: string; readonly latencyMs: number };

/** How webhooks leave the platform. The default is HTTP with the SSRF guard ({@link NodeWebhookTransport}). */
export interface WebhookTransport {
  send(request: WebhookRequest): Promise<WebhookResult>;
}

/** How much of an answer's body is kept in the delivery log. */
export const RESPONSE_BODY_LIMIT = 1024;

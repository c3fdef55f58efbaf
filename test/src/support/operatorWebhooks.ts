import type { TestServer } from './TestServer.js';

/** An operator's webhook as its system sends it: raw bytes and its own headers, no API key. */
export async function postOperatorWebhook(server: TestServer, instanceId: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: any; retryAfter?: string }> {
  const response = await fetch(`${server.base}/programInstances/${instanceId}/operator-webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  const retryAfter = response.headers.get('retry-after');
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text), ...(retryAfter === null ? {} : { retryAfter }) };
}

import { exampleOf } from '../lib/exampleOf';
import { ApiProblem } from './ApiProblem';
import type { operations } from './schema';

export type EndpointView = operations['getWebhookEndpoint']['responses'][200]['content']['application/json'];
export type MessageView = Extract<operations['listWebhookMessages']['responses'][200]['content']['application/json'], { nextCursor?: unknown }>['data'][number];
export type AttemptView = operations['listWebhookAttempts']['responses'][200]['content']['application/json']['data'][number];
export type EventTypeName = NonNullable<operations['createWebhookEndpoint']['requestBody']>['content']['application/json']['eventTypes'][number];

/** One event type of the catalogue: its name, summary, payload schema and example (when the schema gives one). */
export interface CatalogueEntry {
  readonly type: string;
  readonly summary: string;
  readonly schema: unknown;
  readonly example: unknown;
}

interface AsyncApiDocument {
  readonly components?: { readonly messages?: Record<string, { name?: string; summary?: string; examples?: { payload?: unknown }[]; payload?: { schema?: { examples?: unknown[] } } }> };
}

/**
 * The event catalogue, from the AsyncAPI document the server publishes beside /openapi.json (`/asyncapi.json`): the
 * API's own description of its webhooks, so the console shows exactly what the server validates payloads against.
 */
export async function loadCatalogue(): Promise<CatalogueEntry[]> {
  const response = await fetch('/asyncapi.json', { credentials: 'same-origin' });
  if (!response.ok) throw ApiProblem.from(response, undefined);
  const document = (await response.json()) as AsyncApiDocument;
  return Object.values(document.components?.messages ?? {}).map((message) => ({
    type: message.name ?? '',
    summary: message.summary ?? '',
    schema: message.payload?.schema,
    example: message.examples?.[0]?.payload ?? exampleOf(message.payload?.schema),
  })).sort((a, b) => a.type.localeCompare(b.type));
}

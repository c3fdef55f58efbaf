import type { Page, Request } from 'playwright-core';

/** One request the console made to the API (not its own files under /console). */
export interface ConsoleRequest {
  readonly method: string;
  readonly path: string;
}

/**
 * The API's own description documents: the console reads the webhook event catalogue from /asyncapi.json (the
 * AsyncAPI document beside /openapi.json, which describes the webhooks, not REST operations).
 */
const DESCRIPTION_DOCUMENTS = new Set(['GET /openapi.json', 'GET /asyncapi.json']);

/** An OpenAPI document's operations as method + path pattern. */
interface Operation {
  readonly method: string;
  readonly template: string;
  readonly pattern: RegExp;
}

/**
 * Every request the console sends to its server, recorded from the page (`page.on('request')`), so a test can check
 * that each is an operation of /openapi.json: the console uses the documented API and nothing else.
 */
export class ConsoleRequests {
  readonly requests: ConsoleRequest[] = [];

  constructor(page: Page, private readonly base: string) {
    page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (url.origin !== new URL(this.base).origin || url.pathname === '/console' || url.pathname.startsWith('/console/')) return;
      this.requests.push({ method: request.method(), path: url.pathname });
    });
  }

  /** The requests that match no operation of the document (`METHOD /path`), for `expect(...).to.deep.equal([])`. */
  async undocumented(): Promise<string[]> {
    const document = (await (await fetch(`${this.base}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations: Operation[] = Object.entries(document.paths).flatMap(([template, item]) =>
      Object.keys(item).filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method)).map((method) => ({
        method: method.toUpperCase(),
        template,
        pattern: templatePattern(template),
      })));
    return this.requests
      .filter((request) => !DESCRIPTION_DOCUMENTS.has(`${request.method} ${request.path}`))
      .filter((request) => !operations.some((operation) => operation.method === request.method && operation.pattern.test(request.path)))
      .map((request) => `${request.method} ${request.path}`);
  }

  /** The operations used (`METHOD /template`), e.g. to check that a screen called the route it should. */
  async operationsUsed(): Promise<string[]> {
    const document = (await (await fetch(`${this.base}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const used = new Set<string>();
    for (const request of this.requests) {
      for (const [template, item] of Object.entries(document.paths)) {
        if (request.method.toLowerCase() in item && templatePattern(template).test(request.path)) used.add(`${request.method} ${template}`);
      }
    }
    return [...used].sort();
  }
}

/** A path template's pattern: `/jobs/{jobId}` matches `/jobs/` and one segment (paths here have no regex characters). */
function templatePattern(template: string): RegExp {
  return new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
}

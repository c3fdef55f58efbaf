import { rawRequest } from '../support/rawRequest.js';
import type { TestServer } from '../support/TestServer.js';
import type { RawSpec } from './generate.js';
import type { Tally } from './Tally.js';

/** Sends requests `inFlight` at a time, each checked by the tally and against the OpenAPI contract. */
export async function sendAll(server: TestServer, specs: readonly RawSpec[], tally: Tally, inFlight = 16): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < specs.length; index = next++) {
      const spec = specs[index]!;
      try {
        const response = await rawRequest(server.base, spec.method, spec.path, { headers: spec.headers, ...(spec.body === undefined ? {} : { body: spec.body }) });
        tally.record(spec.what, response);
        server.contract.check(spec.method, spec.path, response.status, response.json);
      } catch (error) {
        tally.recordNoAnswer(spec.what, error);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}

/** Object.prototype as it stands: its own property names and a probe nobody should be able to set. */
export function prototypeSnapshot(): string {
  const probe = {} as Record<string, unknown>;
  return JSON.stringify({ names: Object.getOwnPropertyNames(Object.prototype).sort(), polluted: ['isAdmin', 'admin', 'd', 'polluted', 'a'].filter((name) => probe[name] !== undefined) });
}

/** Lines the server logged at level error (a 5xx, or something it did not expect). */
export function errorLines(server: TestServer): string[] {
  return server.logLines.filter((line) => (JSON.parse(line) as { level?: string }).level === 'error');
}

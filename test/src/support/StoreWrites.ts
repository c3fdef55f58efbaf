import { STORE_TOKENS } from '@flexroll/core';
import type { TestServer } from './TestServer.js';

/** Repository methods that only read. Anything else a repository does is a write (a new port method counts as one). */
const READS = new Set([
  'get', 'list', 'listAll', 'listForEnrollment', 'findBySecretHash',
  'findBySerialNumber', 'listIds', 'listOpen', 'listForInstance', 'getChunk', 'getResult', 'listResults',
  'exists', 'listForWorkspace', 'listForSubject', 'listForEndpointInState', 'listPending', 'listRecordedIn',
]);

/** Writes every authenticated request makes, and that are not a change to the workspace's data. */
const EXPECTED = new Set(['apiKeys.markUsed']);

/**
 * A witness for "nothing was written": every repository port of the server's store, wrapped so that each call
 * to a writing method is recorded (`customers.insert`, `events.insert`, `idempotency.reserve`…). It sees the
 * records the API cannot list — customers, leads, device claims, idempotency keys — that a snapshot through
 * HTTP would miss. Install it right after {@link TestServer.start}, before any request resolves a service.
 */
export class StoreWrites {
  readonly #writes: string[] = [];

  private constructor() {}

  static install(server: TestServer): StoreWrites {
    const recorder = new StoreWrites();
    for (const [name, token] of Object.entries(STORE_TOKENS)) {
      const repository = server.container.get<object>(token);
      server.container.rebind(token).toConstantValue(recorder.#wrap(name, repository));
    }
    return recorder;
  }

  /** The writes since the last {@link reset}, as `port.method`. */
  get writes(): readonly string[] {
    return [...this.#writes];
  }

  reset(): void {
    this.#writes.length = 0;
  }

  #wrap(name: string, repository: object): object {
    const writes = this.#writes;
    return new Proxy(repository, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        const call = `${name}.${property}`;
        if (READS.has(property) || EXPECTED.has(call)) return (value as (...a: unknown[]) => unknown).bind(target);
        return async (...args: unknown[]) => {
          const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
          // A unique insert the store refused ('duplicate') wrote nothing.
          if (result !== 'duplicate') writes.push(call);
          return result;
        };
      },
    });
  }
}

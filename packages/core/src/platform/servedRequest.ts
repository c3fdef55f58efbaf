import { AsyncLocalStorage } from 'node:async_hooks';

/** What the store may know of the request the current work serves. */
export interface ServedRequest {
  /** Aborts when the caller has gone (an HTTP client that closed its connection); only on reads, which may stop. */
  readonly signal?: AbortSignal;
}

const requests = new AsyncLocalStorage<ServedRequest>();

/**
 * Runs `work` as serving a request. Whatever `work` awaits, however deep, can ask {@link servedRequest} without it
 * being passed along: the store gives a request's queries the request's time limit rather than background work's,
 * and starts no further query once the request's signal has aborted (ADR 0020).
 */
export function serveRequest<T>(request: ServedRequest, work: () => Promise<T>): Promise<T> {
  return requests.run(request, work);
}

/** The request the current work serves; undefined outside one (the worker, jobs, sweeps, the CLI). */
export function servedRequest(): ServedRequest | undefined {
  return requests.getStore();
}

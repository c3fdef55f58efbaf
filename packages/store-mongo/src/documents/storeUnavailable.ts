import { UnavailableError } from '@flexroll/sdk';
import { servedRequest } from '@flexroll/core';

/** Driver and mongoose errors that mean "the server cannot be reached or cannot serve now", not "the request is wrong". */
const UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoClientClosedError',
  'PoolClearedError',
  'PoolClearedOnNetworkError',
  'MongoPoolClearedError',
  'MongoStalePrimaryError',
]);

/** Server codes for a node that is shutting down, stepping down or out of reach (MongoDB's own "retryable" set). */
const TRANSIENT_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);

/**
 * Errors that mean "the store is up but this query did not get its turn or its answer in time": the server stopped it
 * at its time limit (`MaxTimeMSExpired`, code 50), or no pooled connection came free within the pool's wait.
 */
const BUSY_NAMES = new Set(['MongoWaitQueueTimeoutError', 'WaitQueueTimeoutError', 'MongoOperationTimeoutError']);
const MAX_TIME_MS_EXPIRED = 50;

/** How long a client should wait before retrying when the store is away. */
export const STORE_RETRY_AFTER_SECONDS = 2;

/** True for an error that says the store is unreachable or briefly unable to serve (including mongoose's buffering timeout). */
export function isStoreUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, message, errorLabelSet } = error as { name?: unknown; code?: unknown; message?: unknown; errorLabelSet?: unknown };
  if (typeof name === 'string' && UNREACHABLE.has(name)) return true;
  if (typeof code === 'number' && TRANSIENT_CODES.has(code)) return true;
  if (errorLabelSet instanceof Set && (errorLabelSet.has('ResetPool') || errorLabelSet.has('RetryableWriteError'))) return true;
  return typeof message === 'string' && /buffering timed out|connection .* closed|ECONNREFUSED|ECONNRESET/.test(message);
}

/** True for a query stopped at its time limit or left waiting for a connection: the store is busy, not away. */
export function isStoreBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, codeName } = error as { name?: unknown; code?: unknown; codeName?: unknown };
  return (typeof name === 'string' && BUSY_NAMES.has(name)) || code === MAX_TIME_MS_EXPIRED || codeName === 'MaxTimeMSExpired';
}

/**
 * Every method of a repository, with the store's unavailability turned into one error the API answers with
 * `503 store_unavailable` and `Retry-After`, and a query that ran out of time (or found no free connection in time)
 * into `503 store_busy` — the one place driver errors are mapped. Everything else passes as is.
 * A method called for a caller that has gone (an HTTP client that closed its connection) is not started at all.
 */
export function guardAvailability<T extends object>(repository: T): T {
  // One wrapper per method, made on first use: the hot path pays a map lookup, not a closure per call.
  const wrappers = new Map<PropertyKey, unknown>();
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      let wrapper = wrappers.get(property);
      if (wrapper === undefined) {
        const method = value as (...a: unknown[]) => Promise<unknown>;
        wrapper = async (...args: unknown[]) => {
          servedRequest()?.signal?.throwIfAborted();
          try {
            return await method.apply(target, args);
          } catch (error) {
            if (isStoreBusy(error)) {
              throw new UnavailableError('store_busy', 'The data store did not answer in time; nothing can be assumed done or undone. Retry shortly.', {
                retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
                cause: error,
              });
            }
            if (!isStoreUnavailable(error)) throw error;
            throw new UnavailableError('store_unavailable', 'The data store is not answering; nothing can be assumed done or undone. Retry shortly.', {
              retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
              cause: error,
            });
          }
        };
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}

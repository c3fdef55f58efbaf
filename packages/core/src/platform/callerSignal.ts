import { AsyncLocalStorage } from 'node:async_hooks';

const signals = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `work` with the signal that says its caller has gone (an HTTP client that closed its connection). Whatever
 * `work` awaits, however deep, can ask {@link callerSignal} without the signal being passed along: the store checks
 * it before each query, so a request whose client left starts no further query (ADR 0020).
 */
export function withCallerSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return signals.run(signal, work);
}

/** The signal of the caller the current work is for; undefined outside a request (the worker, the CLI). */
export function callerSignal(): AbortSignal | undefined {
  return signals.getStore();
}

import { ProgramService, servedRequest } from '@flexroll/core';
import type { TestServer } from './TestServer.js';

/** A door the substituted service's calls wait at until the test opens it. */
function door() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Waits (without a time limit of its own: mocha's is the limit) until `condition` holds. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * `GET /programs` held at a door: each call records the caller's signal, waits for the door, then reads the real
 * store. So a test decides how long workspace A's requests run without making the store slow.
 */
export function holdPrograms(server: TestServer) {
  const held = door();
  const signals: Array<AbortSignal | undefined> = [];
  const programs = server.container.get(ProgramService);
  const restore = server.substitute('programs', new Proxy(programs, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'list' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        signals.push(servedRequest()?.signal);
        await held.opened;
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  }));
  return { signals, open: held.open, restore };
}

/**
 * Where the core reports what it recovers from or refuses (a projection write that failed, a lost append, an
 * adapter that threw or timed out), each once, with the enrollment's id. The composition root binds the server's
 * logger (winston satisfies this shape); tests bind one that records.
 */
export interface CoreLogger {
  error(message: string, meta?: Readonly<Record<string, unknown>>): void;
  warn(message: string, meta?: Readonly<Record<string, unknown>>): void;
  info(message: string, meta?: Readonly<Record<string, unknown>>): void;
}

/** A logger that drops everything: the default only where no host has bound one (a library used on its own). */
export const SILENT_LOGGER: CoreLogger = Object.freeze({ error: () => undefined, warn: () => undefined, info: () => undefined });

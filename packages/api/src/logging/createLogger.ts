import winston from 'winston';
import { currentTrace } from '@flexroll/core';
import { LineTransport } from './LineTransport.js';
import { redact, REDACTED_KEYS } from './redact.js';

export { redact } from './redact.js';

/** Where winston keeps the finished line of an entry (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message');

/**
 * One format does the whole line: secrets and personal data redacted (so no call site can leak them), a timestamp,
 * and JSON. A chain of three winston formats cost about 25 µs per line here, and one line is written per request;
 * this one costs about 6 µs with {@link LineTransport} (measured in docs/performance.md).
 */
const structuredLine = winston.format((info) => {
  const entry = info as Record<string | symbol, unknown>;
  for (const key of Object.keys(entry)) {
    if (key === 'level') continue;
    entry[key] = REDACTED_KEYS.has(key.toLowerCase()) ? '[REDACTED]' : redact(entry[key]);
  }
  entry.timestamp = new Date().toISOString();
  // Every line written while a request or a background run is at work names its trace (W3C traceparent).
  if (entry.traceId === undefined) {
    const trace = currentTrace();
    if (trace !== undefined) entry.traceId = trace.traceId;
  }
  entry[MESSAGE] = serialize(entry);
  return info;
});

export interface LoggerOptions {
  /** winston's level; `info` by default. The server passes the one its settings read (FLEXROLL_LOG_LEVEL). */
  readonly level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read what was logged. */
  readonly stream?: NodeJS.WritableStream;
}

/** Structured JSON logs, one line per entry, with a timestamp; secrets and personal data redacted. */
export function createLogger(options: LoggerOptions = {}): winston.Logger {
  return winston.createLogger({
    level: options.level ?? 'info',
    format: structuredLine(),
    transports: [new LineTransport(options.stream ?? process.stdout)],
  });
}

export type Logger = winston.Logger;

function serialize(entry: Record<string, unknown>): string {
  try {
    return JSON.stringify(entry);
  } catch {
    // A circular or BigInt value: say so rather than lose the line.
    return JSON.stringify({ level: entry.level, message: entry.message, timestamp: entry.timestamp, unserializable: true });
  }
}

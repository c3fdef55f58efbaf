import winston from 'winston';

/** Metadata keys whose values never reach a log: credentials, secrets and customers' personal data. */
const REDACTED_KEYS = new Set([
  'authorization', 'secret', 'secrethash', 'password', 'token', 'apikey', 'config',
  'firstname', 'lastname', 'email', 'phone', 'address', 'body',
]);
const SECRET_PATTERN = /\b(fr_(live|test)_(sk|rk)_[A-Za-z0-9_-]+|whsec_[A-Za-z0-9+/=]+)/g;

/** Replaces redacted keys' values and any key-shaped string, at any depth. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(SECRET_PATTERN, '[REDACTED]');
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, REDACTED_KEYS.has(key.toLowerCase()) ? '[REDACTED]' : redact(item, depth + 1)]),
  );
}

const redactFormat = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (key === 'level') continue;
    (info as Record<string, unknown>)[key] = REDACTED_KEYS.has(key.toLowerCase()) ? '[REDACTED]' : redact(info[key]);
  }
  return info;
});

export interface LoggerOptions {
  readonly level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to read what was logged. */
  readonly stream?: NodeJS.WritableStream;
}

/** Structured JSON logs with a timestamp; secrets and personal data redacted by a format, so no call site can leak them. */
export function createLogger(options: LoggerOptions = {}): winston.Logger {
  return winston.createLogger({
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    format: winston.format.combine(redactFormat(), winston.format.timestamp(), winston.format.json()),
    transports: [options.stream === undefined ? new winston.transports.Console() : new winston.transports.Stream({ stream: options.stream })],
  });
}

export type Logger = winston.Logger;

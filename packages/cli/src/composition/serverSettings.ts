/** How `flexroll serve` is tuned, from the environment (documented in the README); flags override port and host. */
export interface ServerSettings {
  readonly port: number;
  readonly host: string;
  /** Requests per API key per minute, per process. */
  readonly rateLimitPerMinute: number;
  /** The largest accepted request body, in express's notation (`100kb`, `1mb`). */
  readonly bodyLimit: string;
  /** How long an operator adapter may take to answer one call. */
  readonly adapterTimeoutMs: number;
  /** winston's level: error, warn, info, http, verbose, debug or silly. */
  readonly logLevel: string;
  /** Failed authentications per client address per minute before the address is refused for the rest of the minute. */
  readonly failedAuthPerMinute: number;
  /** How long a client may take to send its request headers, then its whole request; how long an idle connection stays. */
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** How long a request holding an idempotency key is taken to be alive; a retry after it recovers the request. */
  readonly idempotencyLeaseMs: number;
  /** How long a device claim of a creation that has not written yet is taken for one in progress. */
  readonly deviceClaimLeaseMs: number;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  port: 3000,
  host: '127.0.0.1',
  rateLimitPerMinute: 600,
  bodyLimit: '100kb',
  adapterTimeoutMs: 5_000,
  logLevel: 'info',
  failedAuthPerMinute: 60,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idempotencyLeaseMs: 30_000,
  deviceClaimLeaseMs: 10_000,
};

const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'];

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads the server's settings: `FLEXROLL_PORT` (or `PORT`), `FLEXROLL_HOST` (or `HOST`),
 * `FLEXROLL_RATE_LIMIT_PER_MINUTE`, `FLEXROLL_BODY_LIMIT`, `FLEXROLL_ADAPTER_TIMEOUT_MS`, `FLEXROLL_LOG_LEVEL`
 * (or `LOG_LEVEL`), `FLEXROLL_FAILED_AUTH_PER_MINUTE`, `FLEXROLL_HEADERS_TIMEOUT_MS`, `FLEXROLL_REQUEST_TIMEOUT_MS`,
 * `FLEXROLL_KEEP_ALIVE_TIMEOUT_MS`, `FLEXROLL_IDEMPOTENCY_LEASE_MS`, `FLEXROLL_DEVICE_CLAIM_LEASE_MS`. An unset or empty variable takes its default; a malformed one stops the start-up with a message
 * naming it and what it must be, rather than running with a setting nobody chose.
 */
export function readServerSettings(env: Environment = process.env): ServerSettings {
  const defaults = DEFAULT_SERVER_SETTINGS;
  return {
    port: wholeNumber(env, ['FLEXROLL_PORT', 'PORT'], defaults.port, 0, 65_535),
    host: text(env, ['FLEXROLL_HOST', 'HOST'], defaults.host, /^\S+$/, 'a host name or address'),
    rateLimitPerMinute: wholeNumber(env, ['FLEXROLL_RATE_LIMIT_PER_MINUTE'], defaults.rateLimitPerMinute, 1, Number.MAX_SAFE_INTEGER),
    bodyLimit: text(env, ['FLEXROLL_BODY_LIMIT'], defaults.bodyLimit, /^\d+(b|kb|mb)$/i, 'a size such as 100kb or 1mb'),
    adapterTimeoutMs: wholeNumber(env, ['FLEXROLL_ADAPTER_TIMEOUT_MS'], defaults.adapterTimeoutMs, 1, 600_000),
    logLevel: text(env, ['FLEXROLL_LOG_LEVEL', 'LOG_LEVEL'], defaults.logLevel, new RegExp(`^(${LOG_LEVELS.join('|')})$`), `one of ${LOG_LEVELS.join(', ')}`),
    failedAuthPerMinute: wholeNumber(env, ['FLEXROLL_FAILED_AUTH_PER_MINUTE'], defaults.failedAuthPerMinute, 1, Number.MAX_SAFE_INTEGER),
    headersTimeoutMs: wholeNumber(env, ['FLEXROLL_HEADERS_TIMEOUT_MS'], defaults.headersTimeoutMs, 100, 600_000),
    requestTimeoutMs: wholeNumber(env, ['FLEXROLL_REQUEST_TIMEOUT_MS'], defaults.requestTimeoutMs, 100, 3_600_000),
    keepAliveTimeoutMs: wholeNumber(env, ['FLEXROLL_KEEP_ALIVE_TIMEOUT_MS'], defaults.keepAliveTimeoutMs, 100, 600_000),
    idempotencyLeaseMs: wholeNumber(env, ['FLEXROLL_IDEMPOTENCY_LEASE_MS'], defaults.idempotencyLeaseMs, 1_000, 3_600_000),
    deviceClaimLeaseMs: wholeNumber(env, ['FLEXROLL_DEVICE_CLAIM_LEASE_MS'], defaults.deviceClaimLeaseMs, 1_000, 3_600_000),
  };
}

function firstSet(env: Environment, names: readonly string[]): [string, string] | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return [name, value];
  }
  return undefined;
}

function wholeNumber(env: Environment, names: readonly string[], fallback: number, min: number, max: number): number {
  const found = firstSet(env, names);
  if (found === undefined) return fallback;
  const [name, raw] = found;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (it is '${raw}').`);
  return value;
}

function text(env: Environment, names: readonly string[], fallback: string, pattern: RegExp, what: string): string {
  const found = firstSet(env, names);
  if (found === undefined) return fallback;
  const [name, raw] = found;
  if (!pattern.test(raw)) throw new Error(`${name} must be ${what} (it is '${raw}').`);
  return raw;
}

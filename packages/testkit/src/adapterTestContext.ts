import { adapterHttp, TokenCache, type AdapterContext, type AdapterLogger, type AdapterNeed, type OperatorAdapter, type OperatorReference } from '@flexroll/sdk';

/** One line an adapter logged through a test context's logger, with the metadata it would carry on the server. */
export interface LoggedLine {
  readonly level: 'error' | 'warn' | 'info';
  readonly message: string;
  readonly meta: Readonly<Record<string, unknown>>;
}

/** What an adapter's specs can set on a context made by {@link adapterTestContext}. */
export interface TestContextOptions {
  readonly now?: Date;
  /**
   * The clock the context's `now` and its token cache read (the kit's `harness.clock`, or any `{ now() }`), so a
   * spec that moves it moves tokens towards their refresh; the wall clock by default (or `now`, fixed, when given).
   */
  readonly clock?: { now(): Date };
  /** `context.idempotencyKey`, as an outbox call would carry it (sent as `Idempotency-Key` by the `http` clients). */
  readonly idempotencyKey?: string;
  /** A token cache to share with another context (as the platform shares one between an instance's calls); a new one by default. */
  readonly tokens?: TokenCache;
  readonly programInstanceId?: string;
}

/** A context of its own, and what the adapter did with it: the references it linked and the lines it logged. */
export type TestContext<Config> = AdapterContext<Config, AdapterNeed> & {
  readonly linked: Map<string, string>;
  readonly logged: LoggedLine[];
  readonly tokens: TokenCache;
};

let instances = 0;

/**
 * A context for calling an adapter's parts directly in its own specs, as the platform would make it: the config typed
 * from the adapter's manifest, a program instance of its own (so its token cache starts empty), the `logger` (lines
 * kept in `logged`, scoped as on the server) and `http` services, and operator references in a map (`linked`).
 *
 * @example
 * const context = adapterTestContext(adapter, { ...TEST_CONFIG, requestTimeoutMs: 300 });
 * await new AcmeApi(context).device('dev_1');
 * expect(context.logged.map((line) => line.message)).to.include('device read');
 */
export function adapterTestContext<Config, Needs extends AdapterNeed>(adapter: OperatorAdapter<Config, Needs>, config: Config, options: TestContextOptions = {}): TestContext<Config> {
  const linked = new Map<string, string>();
  const logged: LoggedLine[] = [];
  const key = (reference: OperatorReference) => `${reference.kind}:${reference.value}`;
  const programInstanceId = options.programInstanceId ?? `ctestkitinstance${String(++instances).padStart(8, '0')}`;
  const signal = new AbortController().signal;
  const clock = options.clock ?? { now: () => options.now ?? new Date() };
  const tokens = options.tokens ?? new TokenCache({ now: () => clock.now() });
  const scope = { adapterId: adapter.manifest.id, workspaceId: 'ws_testkit', programInstanceId };
  return {
    workspaceId: scope.workspaceId,
    programInstanceId,
    config,
    signal,
    now: options.now ?? clock.now(),
    ...(options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    references: { find: async (reference) => linked.get(key(reference)), link: async (reference, participationId) => void linked.set(key(reference), participationId) },
    logger: recordingLogger(logged, scope),
    http: adapterHttp(adapter.manifest.id, tokens, signal, options.idempotencyKey === undefined ? {} : { idempotencyKey: options.idempotencyKey }),
    linked,
    logged,
    tokens,
  };
}

function recordingLogger(lines: LoggedLine[], scope: Readonly<Record<string, unknown>>): AdapterLogger {
  const log = (level: LoggedLine['level']) => (message: string, meta: Readonly<Record<string, unknown>> = {}) => void lines.push({ level, message, meta: { ...meta, ...scope } });
  return { error: log('error'), warn: log('warn'), info: log('info'), child: (meta) => recordingLogger(lines, { ...meta, ...scope }) };
}

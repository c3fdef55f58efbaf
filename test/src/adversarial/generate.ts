import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { RouteDefinition } from '@flexroll/api';
import { COMMUNITY_POWERSHARE, SUZIE } from '../support/fixtures.js';

/** A request as sent byte for byte. */
export interface RawSpec {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
  /** What was done to it, for a failure's message. */
  readonly what: string;
}

/** What the generator may put in a request: the ids and keys of two workspaces. */
export interface Fixtures {
  readonly ids: Readonly<Record<string, string>>;
  readonly foreignIds: Readonly<Record<string, string>>;
  readonly key: string;
  readonly foreignKey: string;
  readonly adminToken: string;
}

/** What an arbitrary generates. */
type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** Names that JavaScript objects (and MongoDB) treat specially, everywhere a key is read. */
export const EVIL_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf', '$where', '$gt', 'a.b', '', ' ', '\u0000', 'x'.repeat(300)];
const EVIL_STRINGS = ['', ' ', '__proto__', 'constructor', 'Infinity', '-Infinity', 'NaN', '1e999', '-0', '2.5', '0x10', 'null', 'true', '[]', '{}', '\u0000', '\ud800', '<script>alert(1)</script>', "'; DROP TABLE enrollments; --", '../../etc/passwd', 'x'.repeat(5_000), '😀'.repeat(50)];
const EVIL_PATH_SEGMENTS = ['%', '%E0%A4%A', '%zz', '%00', '%2e%2e', '..', '__proto__', 'constructor', 'toString', 'x'.repeat(2_000), '%F0%9F%98%80', 'cnotanidanywhere000000000', 'vpo_000000000000000000000000', 'key_000000000000000000000000', 'vpr_000000000000000000000000', '123', '%20', 'A'];

/** A valid body per route, to be broken; routes added later start from an empty object. */
export function baseBody(route: RouteDefinition, fixtures: Fixtures, nonce: number): unknown {
  const ids = fixtures.ids;
  const bodies: Readonly<Record<string, unknown>> = {
    createProgram: COMMUNITY_POWERSHARE,
    createProgramInstance: { programId: ids.programId, name: 'Adversarial 2025' },
    updateProgramInstance: { name: 'Renamed' },
    createEnrollment: { ...SUZIE, serialNumber: `SN-adv-${nonce}`, metadata: { source: 'adversarial' } },
    updateEnrollment: { tags: ['adversarial'], metadata: { round: nonce } },
    submitParticipationState: { participation_state: [{ state: 'AWAITING_CONSENT' }] },
    fireParticipationTrigger: { trigger: 'consent_requested' },
    recordTelemetry: {},
    grantConsent: { terms_version: '2025-01' },
    grantMeterAccess: {},
    markRewardsSettled: {},
    receiveOperatorEvent: { type: 'participation.trigger', participation_id: ids.participation_id, payload: { trigger: 'consent_requested' } },
    createApiKey: { name: 'adversarial', mode: 'live', permissions: ['enrollments:read'] },
    createCustomer: { firstName: 'Suzie', lastName: 'Homeowner', email: 'suzie.homeowner@example.com' },
    createLead: { firstName: 'Lena' },
    recordControl: { available: false },
    startBulkAction: { action: 'evaluate' },
    dryRunEligibilityRules: { eligibilityRules: { allowedManufacturers: ['tesla'] } },
    createWebhookEndpoint: { url: `https://hooks.example.com/adversarial/${nonce}`, eventTypes: ['enrollment.created'] },
    updateWebhookEndpoint: { description: 'Renamed' },
    replayFailedWebhookMessages: { since: '2024-01-01T00:00:00Z' },
    acknowledgeDeadline: { reason: 'Adversarial' },
    snoozeDeadline: { reason: 'Adversarial', until: '2025-01-05T09:00:00Z' },
  };
  return structuredClone(bodies[route.operationId] ?? {});
}

/** Sets a property as data, even `__proto__` (an assignment would set the prototype instead). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const evilValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(null, -0, 1e308, -1, 0.5, 2 ** 53 + 1, [], {}, [[1]], [[]], ...EVIL_STRINGS),
  fc.integer({ min: 33, max: 60 }).map((depth) => JSON.parse(`${'{"d":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown),
);

/** One change to a body: a field set to nonsense, an evil key added (at the top or inside), a field dropped, or all of it replaced. */
const bodyMutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: evilValue }),
  fc.record({ kind: fc.constant('add' as const), key: fc.oneof(fc.constantFrom(...EVIL_KEYS), fc.string({ maxLength: 12 })), value: evilValue, nested: fc.boolean() }),
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), value: evilValue }),
);

function mutateBody(body: unknown, mutation: ValueOf<typeof bodyMutation>): unknown {
  if (mutation.kind === 'replace' || body === null || typeof body !== 'object') return mutation.kind === 'replace' ? mutation.value : body;
  const object = body as Record<string, unknown>;
  const keys = Object.keys(object);
  if (mutation.kind === 'add') {
    const inside = mutation.nested ? keys.find((key) => object[key] !== null && typeof object[key] === 'object' && !Array.isArray(object[key])) : undefined;
    put(inside === undefined ? object : (object[inside] as Record<string, unknown>), mutation.key, mutation.value);
  } else if (keys.length > 0) {
    const key = keys[mutation.pick % keys.length]!;
    if (mutation.kind === 'set') put(object, key, mutation.value);
    else delete object[key];
  }
  return object;
}

/** Ways to send the bytes: as JSON, or broken — truncated, not UTF-8, compressed wrongly, under another media type. */
const wire = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'json' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('encoding' as const), encoding: fc.constantFrom('gzip', 'deflate', 'br', 'zstd', 'gzip, gzip', 'identity', 'compress') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('gzipped' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mediaType' as const), type: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/xml', '') }) },
);

function encode(body: unknown, how: ValueOf<typeof wire>): { bytes: Buffer; headers: Record<string, string> } {
  const text = JSON.stringify(body) ?? 'null';
  const json = { 'content-type': 'application/json' };
  switch (how.kind) {
    case 'json':
      return { bytes: Buffer.from(text), headers: json };
    case 'truncate':
      return { bytes: Buffer.from(text.slice(0, how.at % Math.max(1, text.length))), headers: json };
    case 'bytes':
      return { bytes: Buffer.concat([Buffer.from('{"a":"'), Buffer.from(how.bytes), Buffer.from('"}')]), headers: json };
    case 'encoding':
      return { bytes: Buffer.from(text), headers: { ...json, 'content-encoding': how.encoding } };
    case 'gzipped':
      return { bytes: gzipSync(Buffer.from(text)), headers: { ...json, 'content-encoding': 'gzip' } };
    default:
      return { bytes: Buffer.from(text), headers: how.type === '' ? {} : { 'content-type': how.type } };
  }
}

const pathMutation = fc.option(fc.record({ pick: fc.nat(), segment: fc.oneof(fc.constantFrom(...EVIL_PATH_SEGMENTS), fc.constant('foreign')) }), { freq: 3 });
const queryMutation = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...EVIL_KEYS.filter((key) => key.length < 50), 'page', 'perPage', 'status', 'type', 'tags', 'enrollmentId', 'createdFrom'), fc.stringMatching(/^[a-z]{1,8}$/)), fc.constantFrom(...EVIL_STRINGS.filter((value) => value.length < 100), '1', '101', '0')),
  { maxLength: 3 },
);
const credentials = fc.oneof(
  { weight: 16, arbitrary: fc.constant('own') },
  { weight: 1, arbitrary: fc.constantFrom('none', 'garbage', 'foreign', 'admin', 'basic') },
);
const extraHeaders = fc.record({
  idempotency: fc.option(fc.oneof(fc.stringMatching(/^[\x21-\x7e]{1,40}$/), fc.constantFrom('', ' x', 'k'.repeat(300), '__proto__')), { freq: 3 }),
  version: fc.option(fc.constantFrom('1', '2', '3', '', '2.0', 'v1', '__proto__'), { freq: 4 }),
  requestId: fc.option(fc.constantFrom('short', 'x'.repeat(100), 'ok-request-id-123', '../etc'), { freq: 4 }),
});

/** Generated requests for one route: `count` of them, reproducible from the seed. */
export function corpusFor(route: RouteDefinition, fixtures: Fixtures, count: number, seed: number): RawSpec[] {
  const arbitrary = fc.record({
    nonce: fc.nat(),
    mutations: fc.array(bodyMutation, { maxLength: 3 }),
    wire,
    path: pathMutation,
    query: queryMutation,
    credentials,
    headers: extraHeaders,
  });
  return fc.sample(arbitrary, { seed, numRuns: count }).map((sample) => {
    const segments = route.path.split('/');
    const params = segments.flatMap((segment, index) => (/^\{\w+\}$/.test(segment) ? [index] : []));
    const target = sample.path === null || params.length === 0 ? undefined : params[sample.path.pick % params.length];
    const path = segments
      .map((segment, index) => {
        const name = /^\{(\w+)\}$/.exec(segment)?.[1];
        if (name === undefined) return segment;
        if (index !== target) return encodeURIComponent(fixtures.ids[name] ?? 'cnotanidanywhere000000000');
        return sample.path!.segment === 'foreign' ? encodeURIComponent(fixtures.foreignIds[name] ?? 'x') : sample.path!.segment;
      })
      .join('/');
    const query = sample.query.map(([key, value]) => `${escape(key)}=${escape(value)}`).join('&');
    const headers: Record<string, string> = { ...authorization(sample.credentials, fixtures) };
    if (sample.headers.idempotency !== null) headers['idempotency-key'] = sample.headers.idempotency;
    if (sample.headers.version !== null) headers['flexroll-version'] = sample.headers.version;
    if (sample.headers.requestId !== null) headers['x-request-id'] = sample.headers.requestId;
    let body: Buffer | undefined;
    if (route.body !== undefined || sample.nonce % 10 === 0) {
      const broken = sample.mutations.reduce(mutateBody, baseBody(route, fixtures, sample.nonce));
      const encoded = encode(broken, sample.wire);
      body = encoded.bytes;
      Object.assign(headers, encoded.headers);
    }
    const what = `${route.method.toUpperCase()} ${path}${query === '' ? '' : `?${query}`} [${sample.credentials}; ${sample.wire.kind}; ${JSON.stringify(sample.mutations).slice(0, 120)}]`;
    return { method: route.method.toUpperCase(), path: `${path}${query === '' ? '' : `?${query}`}`, headers, ...(body === undefined ? {} : { body }), what };
  });
}

/** %-escaped; a lone surrogate, which has no UTF-8, goes as the bytes a careless client would send for it. */
function escape(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function authorization(kind: string, fixtures: Fixtures): Record<string, string> {
  switch (kind) {
    case 'own':
      return { authorization: `Bearer ${fixtures.key}` };
    case 'foreign':
      return { authorization: `Bearer ${fixtures.foreignKey}` };
    case 'admin':
      return { authorization: `Bearer ${fixtures.adminToken}` };
    case 'garbage':
      return { authorization: 'Bearer fr_live_sk_not-a-key-anyone-was-ever-given-000000' };
    case 'basic':
      return { authorization: 'Basic dXNlcjpwYXNz' };
    default:
      return {};
  }
}

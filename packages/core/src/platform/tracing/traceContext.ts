import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { randomHex as randomHexBytes } from '../randomHex.js';

/** The W3C Trace Context of the work running now: its trace, this process's span in it, and the trace flags. */
export interface TraceContext {
  /** 32 lower-case hex digits, not all zero. */
  readonly traceId: string;
  /** 16 lower-case hex digits, not all zero: this process's span, the parent of the calls it makes. */
  readonly spanId: string;
  /** 2 hex digits; `01` = sampled. */
  readonly flags: string;
}

const storage = new AsyncLocalStorage<TraceContext>();
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);
const HEADER = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * A `traceparent` header's trace, or undefined when it is not one, per W3C Trace Context (level 1, section 3.2):
 * lower-case hex only; version `ff` is invalid; version `00` has exactly four fields; a later version may append
 * fields after a `-`, and its first four are read as version 00's; an all-zero trace id or parent id is invalid.
 */
export function parseTraceparent(header: string | undefined): { traceId: string; parentId: string; flags: string } | undefined {
  if (header === undefined) return undefined;
  const match = HEADER.exec(header.trim());
  if (match === null) return undefined;
  const [, version, traceId, parentId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (traceId === ZERO_TRACE || parentId === ZERO_SPAN) return undefined;
  return { traceId, parentId, flags: version === '00' ? flags : (Number.parseInt(flags, 16) & 1).toString(16).padStart(2, '0') };
}

/** A trace for work that came with `traceparent`: its trace continued with a new span, or a new trace (a bad header is replaced, not refused). */
export function startTrace(traceparent?: string): TraceContext {
  const parent = parseTraceparent(traceparent);
  if (parent !== undefined) return { traceId: parent.traceId, spanId: newSpanId(), flags: parent.flags };
  return { traceId: randomHex(16, ZERO_TRACE), spanId: newSpanId(), flags: '00' };
}

/** The same trace for every attempt at one piece of work (a webhook message's deliveries), from its id. */
export function traceFor(workId: string): TraceContext {
  const traceId = createHash('sha256').update(workId).digest('hex').slice(0, 32);
  return { traceId: traceId === ZERO_TRACE ? `${traceId.slice(0, 31)}1` : traceId, spanId: newSpanId(), flags: '00' };
}

/** Runs `work` with `trace` as the current trace: every log line and outgoing call inside it carries it. */
export function runWithTrace<T>(trace: TraceContext, work: () => T): T {
  return storage.run(trace, work);
}

/** The trace of the work running now, if any. */
export function currentTrace(): TraceContext | undefined {
  return storage.getStore();
}

/** The `traceparent` header for a call made now: the current trace, with this process's span as the parent. */
export function outgoingTraceparent(trace: TraceContext | undefined = currentTrace()): string | undefined {
  return trace === undefined ? undefined : `00-${trace.traceId}-${trace.spanId}-${trace.flags}`;
}

function newSpanId(): string {
  return randomHex(8, ZERO_SPAN);
}

function randomHex(bytes: number, zero: string): string {
  for (;;) {
    const hex = randomHexBytes(bytes);
    if (hex !== zero) return hex;
  }
}

/** A fetch that adds the current trace's `traceparent` to each request that does not carry one. */
export function tracedFetch(fetchImpl: typeof fetch): typeof fetch {
  return (input, init) => {
    const traceparent = outgoingTraceparent();
    if (traceparent === undefined) return fetchImpl(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has('traceparent')) headers.set('traceparent', traceparent);
    return fetchImpl(input, { ...init, headers });
  };
}

import { servedRequest } from '@flexroll/core';
import type { Aggregate, Connection, MongooseQueryMiddleware, Query, Schema } from 'mongoose';

/** How long one query may run on the server (`maxTimeMS`): a request's, and background work's (jobs, sweeps, feeds). */
export interface QueryTimeLimits {
  readonly requestMs: number;
  readonly backgroundMs: number;
}

/**
 * The limits when the store was opened without its own. A request's query must answer while its client still waits;
 * background work is retried by its pass and nobody waits for it, but it must still end (ADR 0020).
 */
export const DEFAULT_QUERY_TIME_LIMITS: QueryTimeLimits = { requestMs: 5_000, backgroundMs: 60_000 };

/**
 * The mongoose query operations that reach the server: every read, and the writes mongoose sends as queries. Not
 * `distinct`: FerretDB v1 refuses the command with a `maxTimeMS` field ("unknown field"), so a `distinct` must stay
 * on what an index selects (its one use here reads one workspace's last minute of events).
 */
const QUERY_OPERATIONS: MongooseQueryMiddleware[] = [
  'find', 'findOne', 'countDocuments', 'estimatedDocumentCount',
  'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'updateOne', 'updateMany', 'replaceOne', 'deleteOne', 'deleteMany',
];

const limits = new WeakMap<Connection, QueryTimeLimits>();
const limited = new WeakSet<Schema>();

/** Sets how long each query on this connection may run on the server (`maxTimeMS`), see {@link limitQueryTime}. */
export function setQueryTimeLimits(connection: Connection, connectionLimits: QueryTimeLimits): void {
  limits.set(connection, connectionLimits);
}

/** The time limit of a query on this connection made now: a request's when it serves one, else background work's. */
export function queryTimeLimitOf(connection: Connection): number {
  const { requestMs, backgroundMs } = limits.get(connection) ?? DEFAULT_QUERY_TIME_LIMITS;
  return servedRequest() === undefined ? backgroundMs : requestMs;
}

/**
 * Gives every query and aggregation of a schema's models a server-side time limit (`maxTimeMS`), the limit of the
 * model's connection for a request or for background work ({@link queryTimeLimitOf}), unless the call set one itself. The server stops the query there, so no query outlives its
 * request by more than the limit, whoever is still waiting for it (ADR 0020). FerretDB v1 honours `maxTimeMS` on
 * `find`, `aggregate` (which `countDocuments` is) and `findAndModify`, and ignores it on `insert`, `update`,
 * `delete` and `count`, which select by `_id` or by a unique key here. Hooks are added once per schema; the schemas are shared.
 */
export function limitQueryTime(schema: Schema): void {
  if (limited.has(schema)) return;
  limited.add(schema);
  // `updateOne` and `deleteOne` are document methods too: the hook is for the query form only.
  schema.pre(QUERY_OPERATIONS, { document: false, query: true }, function (this: Query<unknown, unknown>) {
    if (this.getOptions().maxTimeMS === undefined) this.maxTimeMS(queryTimeLimitOf(this.model.db));
  });
  schema.pre('aggregate', function (this: Aggregate<unknown>) {
    if (this.options.maxTimeMS === undefined) this.option({ maxTimeMS: queryTimeLimitOf(this.model().db) });
  });
}

import 'reflect-metadata';
import { expect } from 'chai';
import type { DerivedDeadlineRecord, Enrollment } from '@flexroll/core';
import type { Connection } from 'mongoose';
import { feedBucketsOf } from '@flexroll/core';
import { addFerretDbPostgresIndexes } from './ferretdb/addFerretDbPostgresIndexes.js';
import { mongoRepositories, type MongoRepositories } from './mongoRepositories.js';
import { actionableCountFilter } from './repositories/MongoDeadlineRepository.js';
import type { MongoStore } from './openMongoStore.js';
import { openSpecStore } from './specs/openSpecStore.js';

const uri = process.env.MONGODB_URI;
const postgresUrl = process.env.FLEXROLL_FERRETDB_POSTGRES_URL;
const WS = 'ws_hot_path';
/** Enough documents per collection that a scan costs more than an index to PostgreSQL's planner. */
const ROWS = 2_000;

interface IssuedQuery {
  readonly collection: string;
  readonly filter: Record<string, unknown>;
}

/**
 * Every query the hot path issues — authenticating a key, reading an enrollment (its projection and the probe for
 * a newer event), finding a participation's enrollment, reading its instance and program, claims and idempotency
 * keys — is captured as the repositories send it and explained by the server: each must be served by an index,
 * never a collection scan. On MongoDB that is the winning plan's stages; on FerretDB v1 on PostgreSQL it is
 * PostgreSQL's own plan, with the indexes the store adds there (see addFerretDbPostgresIndexes).
 */
describe('store-mongo hot-path queries', function () {
  this.timeout(120_000);
  let store: MongoStore | undefined;
  let server: 'mongodb' | 'ferretdb-postgresql' | 'ferretdb-sqlite' = 'mongodb';

  before(async function () {
    if (uri === undefined || uri === '') return this.skip();
    store = await openSpecStore(uri, 'hot_path');
    server = await serverKind(store.connection);
    if (server === 'ferretdb-sqlite') return;
    await seed(store.connection);
    if (server === 'ferretdb-postgresql' && postgresUrl !== undefined) await addFerretDbPostgresIndexes(store.connection, postgresUrl);
  });
  after(async () => {
    await store?.dropDatabase();
    await store?.close();
  });

  it('serves every hot-path query from an index', async function () {
    if (store === undefined) return this.skip();
    if (server === 'ferretdb-sqlite') {
      // FerretDB v1 on SQLite answers every filter by reading the table; there is no index to prove.
      return this.skip();
    }
    if (server === 'ferretdb-postgresql' && postgresUrl === undefined) throw new Error('FerretDB on PostgreSQL, but FLEXROLL_FERRETDB_POSTGRES_URL is not set');
    // The overdue queue's counts are `count` commands, which the capture does not see: their filters are explained too.
    const counts = [{ workspaceId: WS, programInstanceId: DEADLINE_INSTANCE }, { workspaceId: WS }].map((scope) => ({ collection: 'deadlines', filter: actionableCountFilter(scope, 'customer', '2025-01-03T00:00:00.000Z', false) }));
    const queries = [...await captureQueries(store.connection, (repositories) => hotPath(repositories)), ...counts];
    expect(queries.map((query) => query.collection)).to.include.members([
      'api_keys', 'sessions', 'members', 'enrollments', 'enrollment_events', 'program_instances', 'programs', 'claims', 'idempotency_records', 'operator_references', 'operator_event_ids', 'adapter_outbox', 'customer_mails',
      'eligibility_rule_versions', 'job_chunks', 'job_results', 'webhook_endpoints', 'webhook_messages', 'delivery_attempts', 'cursors',
      'enrollment_list_ledger', 'enrollment_list_counts', 'list_buckets', 'deadlines',
    ]);
    // The delivery log's walks reach their items' keys, not only the bucket index (ADR 0021, 0022).
    expect(queries.flatMap((query) => Object.keys(query.filter))).to.include.members(['listBucket', 'instanceListBucket', 'typeBucket', 'enrollmentLog', 'failedBucket']);
    const unindexed: string[] = [];
    for (const query of queries) {
      const plan = await explain(store.connection, query);
      if (!usesIndex(plan, server)) unindexed.push(`${query.collection} ${JSON.stringify(query.filter)}: ${summarise(plan)}`);
    }
    expect(unindexed, `queries not served by an index on ${server}`).to.deep.equal([]);
  });
});

/**
 * The reads a request makes before it answers, through the store's own repositories — an operator's webhook
 * included (its instance by id alone, its participation by the operator's reference) — and the background workers'
 * (the adapter outbox, screening and jobs, the webhook dispatcher).
 */
async function hotPath({ apiKeys, members, sessions, enrollments, events, programInstances, programs, claims, idempotency, operatorReferences, operatorEventIds, adapterOutbox, customerMails, eligibilityRules, jobs, webhookEndpoints, webhookMessages, deliveryAttempts, cursors, deadlines }: MongoRepositories): Promise<void> {
  await apiKeys.findBySecretHash(hex(7));
  // A member's cookie on every request (its session by token hash, then its member), and signing in (members by e-mail).
  await sessions.findByTokenHash(hex(7));
  await members.get(WS, `mem_${hex(7).slice(-24)}`);
  await members.findByEmail('person-7@example.com');
  await members.findByInvitationHash(hex(7));
  await enrollments.get(WS, 'cenrollment00000000000007');
  await enrollments.findByParticipationId(WS, `vpo_${hex(7).slice(-24)}`);
  await events.exists(WS, 'cenrollment00000000000007', 3);
  await events.listForEnrollment(WS, 'cenrollment00000000000007', 2);
  await programInstances.get(WS, 'cinstance0000000000000007');
  await programs.get('vpr_000000000000000000000007');
  await claims.get(WS, 'device:cinstance0000000000000007:SN-7');
  // Issue 24: a program instance's version claim (read by a writer that lost it), and an instance-scoped key's reads —
  // its instances one by id, one enrollment's events, its instance's deadlines — are the shapes above and below; its
  // list of keys is the workspace's, filtered.
  await claims.get(WS, 'program-instance/cinstance0000000000000007/v2');
  await apiKeys.list(WS);
  await idempotency.get(WS, 'key-7');
  await programInstances.findAnywhere('cinstance0000000000000007');
  await operatorReferences.find(WS, 'cinstance0000000000000007', 'device', 'krakenflex-7');
  await operatorReferences.listForParticipation(WS, 'cinstance0000000000000007', `vpo_${hex(7).slice(-24)}`);
  await operatorEventIds.find(WS, 'cinstance0000000000000007', 'kraken', 'kraken-event-7');
  await adapterOutbox.listPending(100);
  await customerMails.listPending(100);
  // Screening: the probe for a newer rules version, and a device's enrollments elsewhere.
  await eligibilityRules.get(WS, 'cinstance0000000000000007', 2);
  await enrollments.findBySerialNumber(WS, 'SN-7');
  // A job's chunks and results, read one by one as the worker goes.
  await jobs.getChunk(WS, 'cjob00000000000000000007', 0);
  await jobs.getResult(WS, 'cjob00000000000000000007', 0);
  // The feeds' reads (webhooks, projection repair, outbox catch-up): a second, a minute or an hour of the feed; the webhook dispatcher's endpoints by workspace, pending messages, a message's attempts, cursors.
  await events.listRecordedIn('2025-01-01T00:00:07');
  await events.listRecordedIn('2025-01-01T00:01');
  // (An hour is read only by a feed far behind; this data's every event is in hour 00, which a planner rightly scans.)
  await events.listRecordedIn('2025-01-01T01');
  await webhookEndpoints.listForWorkspace(WS);
  await webhookMessages.listPending();
  await webhookMessages.listForEndpointInState(WS, 'whe_7', 'failed');
  await webhookMessages.get(WS, 'msg_7');
  await deliveryAttempts.listForSubject(WS, 'msg_7');
  await cursors.get('webhooks:fanout:7');
  // An instance's list (ADR 0017): its counts, the ledger's tail, and the blocks or spans a page reads by key; and a
  // status change, which finds the enrollment's newest counted entry before it counts the change.
  for (const filter of [{}, { statuses: ['approved' as const] }, { tags: ['vip'] }, { statuses: ['candidate' as const], tags: ['tag1'] }]) {
    await enrollments.list(WS, { ...filter, programInstanceId: LISTED_INSTANCE }, { page: 2, perPage: 20 });
  }
  // A page smaller than its sparse span's matches reads only the blocks that hold it, by the same keys (issue 21).
  for (const filter of [{ statuses: ['approved' as const] }, { tags: ['vip'] }]) await enrollments.list(WS, { ...filter, programInstanceId: LISTED_INSTANCE }, { page: 1, perPage: 2 });
  // The console's filters (issue 21): a participation state through the counts' state keys; a text search, a
  // manufacturer and a postal code prefix by one search key each; overdue enrollments by id; the home's counts.
  for (const filter of [{ participationStates: ['ACTIVE' as const] }, { search: 'name1' }, { search: 'person17 example' }, { manufacturer: 'tesla' }, { postalCodePrefix: '100' }, { enrollmentIds: [listedEnrollment(5).id, listedEnrollment(6).id] }]) {
    await enrollments.list(WS, { ...filter, programInstanceId: LISTED_INSTANCE }, { page: 1, perPage: 20 });
  }
  await enrollments.listCounts(WS, LISTED_INSTANCE);
  await webhookMessages.listForEndpointInState(WS, 'whe_7', 'pending');
  const moved = listedEnrollment(11);
  await enrollments.save({ ...moved, seq: 2, eligibility: { status: 'approved' } }, { decidedOn: moved });
  // The sweep's and the poller's due buckets (ADR 0019): a minute of the current hour, and a whole hour caught up.
  await enrollments.listDue(WS, 'reviewMinute', `${WS}/2025-01-01T00:07`);
  await enrollments.listDue(WS, 'reviewHour', `${WS}/2025-01-01T07`);
  await enrollments.listDue(WS, 'reviewDay', `${WS}/2025-01-01`);
  await enrollments.listDue(WS, 'pollMinute', `${WS}/cinstance0000000000000007/2025-01-01T00:07`);
  await enrollments.listDue(WS, 'pollHour', `${WS}/cinstance0000000000000007/2025-01-01T07`);
  await enrollments.listDue(WS, 'pollDay', `${WS}/cinstance0000000000000007/2025-01-01`);
  // A page of the event list and of a delivery log (ADR 0021): the bucket index walked level by level, then a second.
  await events.list(WS, {}, { skip: 0, take: 20, scanLimit: 2000 });
  // An instance-scoped key's (or a `programInstanceId` filter's) page: that instance's own bucket index and seconds (issue 24).
  await events.list(WS, { programInstanceId: 'cinstance0000000000000007' }, { skip: 0, take: 20, scanLimit: 2000 });
  await webhookMessages.list(WS, 'whe_7', {}, { skip: 0, take: 20, scanLimit: 2000 });
  // The delivery log's filters (ADR 0022): one enrollment's messages, and several types' seconds merged.
  await webhookMessages.list(WS, 'whe_7', { enrollmentId: 'cenrollment00000000000007' }, { skip: 0, take: 20, scanLimit: 2000, countAll: true });
  await webhookMessages.list(WS, 'whe_7', { types: ['enrollment.created', 'webhook.test'], createdFrom: '2025-01-01T00:00:30.000Z' }, { skip: 0, take: 20, scanLimit: 2000 });
  await webhookMessages.list(WS, 'whe_7', { state: 'failed' }, { skip: 0, take: 20, scanLimit: 2000 });
  // The overdue queue (issue 20): an instance's and the workspace's page, the counts' actionable deadlines, one deadline,
  // an acknowledgement, and the write of a projection's deadlines.
  const now = '2025-01-03T00:00:00.000Z';
  await deadlines.list({ workspaceId: WS, programInstanceId: DEADLINE_INSTANCE }, { now }, { skip: 0, take: 20, scanLimit: 2000 });
  await deadlines.list({ workspaceId: WS }, { statuses: ['missed'], now }, { skip: 0, take: 20, scanLimit: 2000 });
  await deadlines.countActionable({ workspaceId: WS, programInstanceId: DEADLINE_INSTANCE }, now, false);
  await deadlines.countActionable({ workspaceId: WS }, now, true);
  await deadlines.get(WS, deadlineRecord(7).id);
  await deadlines.acknowledge(WS, deadlineRecord(7).id, { by: { type: 'api_key', id: 'key_7' }, reason: 'on it', at: now });
  await deadlines.write([{ ...deadlineRecord(17), seq: 3 }]);
}

const DEADLINE_INSTANCE = 'cinstancedeadline00000007';

/** One of the 2,000 deadlines: ours in one instance of the workspace, the rest elsewhere; spread over 48 hours, 1 in 20 missed. */
function deadlineRecord(n: number): DerivedDeadlineRecord {
  const workspaceId = n % 10 === 7 ? WS : `ws_other_${n % 10}`;
  const enteredAt = new Date(Date.parse('2025-01-01T00:00:00Z') + (n % 48) * 3_600_000).toISOString();
  const expectedAt = new Date(Date.parse(enteredAt) + 3_600_000).toISOString();
  return {
    id: `dl_${hex(n).slice(-24)}`, workspaceId, programInstanceId: workspaceId === WS ? DEADLINE_INSTANCE : `cinstance${String(n % 500).padStart(16, '0')}`,
    enrollmentId: `cenrollment${String(n).padStart(14, '0')}`, participationId: `vpo_${hex(n).slice(-24)}`, seq: 2,
    state: 'AWAITING_CONSENT', enteredAt, expectedAt, waitingOn: 'customer', alerts: true, status: n % 20 === 7 ? 'missed' : 'pending',
    announced: n % 20 === 7 ? { missed: expectedAt } : {}, updatedAt: enteredAt,
  };
}

const LISTED_INSTANCE = 'cinstancelisted0000000007';

/** One of the 300 enrollments of the listed instance, saved through the repository so that its list is counted. */
function listedEnrollment(n: number): Enrollment {
  const createdAt = new Date(Date.parse('2025-01-01T00:00:00Z') + n * 1000).toISOString();
  return {
    id: `cenrollmentlisted${String(n).padStart(8, '0')}`, workspaceId: WS, programInstanceId: LISTED_INSTANCE, identificationType: 'customerInfo',
    eligibility: { status: n % 50 === 3 ? 'approved' : 'candidate' }, tags: n % 30 === 1 ? ['vip', 'tag1'] : ['tag1'], seq: 1, createdAt, updatedAt: createdAt,
    firstName: `Name${n}`, lastName: 'Person', email: `person${n}@example.com`, manufacturerSlugs: [n % 3 === 0 ? 'tesla' : 'enphase'],
    address: { streetOne: '1 Main St', city: 'Town', state: 'NY', postalCode: `${100 + (n % 40)}01`, country: 'USA' },
    // Only the state is read by the list's keys; the rest of a participation does not matter to these queries.
    ...(n % 7 === 0 ? { participation: { id: `vpo_listed${n}`, state: n % 14 === 0 ? 'ACTIVE' : 'AWAITING_CONSENT', suspensionReasons: [], history: [] } as unknown as Enrollment['participation'] } : {}),
  };
}

/** Due keys spread over the minutes of a day, as the core stores them (ADR 0019). */
function dueKeys(n: number) {
  const ws = n % 10 === 7 ? WS : `ws_other_${n % 10}`;
  const minute = `2025-01-01T${String(Math.floor(n / 60) % 24).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
  const instance = `${ws}/cinstance${String(n % 500).padStart(16, '0')}`;
  const [hour, day] = [minute.slice(0, 13), minute.slice(0, 10)];
  return { reviewMinute: `${ws}/${minute}`, reviewHour: `${ws}/${hour}`, reviewDay: `${ws}/${day}`, pollMinute: `${instance}/${minute}`, pollHour: `${instance}/${hour}`, pollDay: `${instance}/${day}` };
}

async function captureQueries(connection: Connection, run: (repositories: MongoRepositories) => Promise<void>): Promise<IssuedQuery[]> {
  const issued: IssuedQuery[] = [];
  connection.set('debug', (collection: string, method: string, filter: unknown) => {
    if (method === 'findOne' || method === 'find') issued.push({ collection, filter: filter as Record<string, unknown> });
  });
  try {
    await run(mongoRepositories(connection));
  } finally {
    connection.set('debug', false);
  }
  return issued;
}

async function explain(connection: Connection, query: IssuedQuery): Promise<Record<string, unknown>> {
  const db = connection.db;
  if (db === undefined) throw new Error('not connected');
  return db.command({ explain: { find: query.collection, filter: query.filter, limit: 1 }, verbosity: 'queryPlanner' });
}

function usesIndex(plan: Record<string, unknown>, server: string): boolean {
  const text = JSON.stringify(plan.queryPlanner);
  if (server === 'mongodb') return !text.includes('COLLSCAN') && /IXSCAN|IDHACK|EXPRESS/.test(text);
  return plan.filterPushdown === true && !text.includes('Seq Scan') && /Index Scan|Index Only Scan/.test(text);
}

function summarise(plan: Record<string, unknown>): string {
  return JSON.stringify(plan.queryPlanner).slice(0, 300);
}

/** MongoDB, or FerretDB (which names itself in an explain's serverInfo) on PostgreSQL (whose plans it passes on) or SQLite. */
async function serverKind(connection: Connection): Promise<'mongodb' | 'ferretdb-postgresql' | 'ferretdb-sqlite'> {
  const plan = await explain(connection, { collection: 'workspaces', filter: { _id: 'probe' } });
  if ((plan.serverInfo as { ferretdbVersion?: unknown } | undefined)?.ferretdbVersion === undefined) return 'mongodb';
  // PostgreSQL's plans are trees of nodes; SQLite's are lines of text.
  return JSON.stringify(plan.queryPlanner ?? {}).includes('"Node Type"') ? 'ferretdb-postgresql' : 'ferretdb-sqlite';
}

/** A realistic spread: many workspaces' documents, so a scan would be expensive, and ours among them. */
async function seed(connection: Connection): Promise<void> {
  const many = <T>(make: (n: number) => T): T[] => Array.from({ length: ROWS }, (_, n) => make(n));
  const ws = (n: number) => (n % 10 === 7 ? WS : `ws_other_${n % 10}`);
  const insert = async (collection: string, documents: object[]) => {
    for (let start = 0; start < documents.length; start += 500) await connection.collection(collection).insertMany(documents.slice(start, start + 500));
  };
  // A workspace has a handful of keys, and there are many workspaces: ours has 4 of the 2,000 (its list is read whole).
  await insert('api_keys', many((n) => ({ _id: `key_${hex(n).slice(-24)}`, workspaceId: n % 500 === 7 ? WS : `ws_other_${n % 500}`, secretHash: hex(n), createdAt: '2025-01-01T00:00:00Z' })));
  await insert('sessions', many((n) => ({ _id: `ses_${hex(n).slice(-24)}`, workspaceId: ws(n), memberId: `mem_${hex(n).slice(-24)}`, tokenHash: hex(n), expiresAt: '2025-01-01T12:00:00Z' })));
  await insert('members', many((n) => ({ _id: `mem_${hex(n).slice(-24)}`, workspaceId: ws(n), email: `person-${n}@example.com`, invitationTokenHash: hex(n), createdAt: '2025-01-01T00:00:00Z' })));
  await insert('enrollments', many((n) => ({ _id: `cenrollment${String(n).padStart(14, '0')}`, workspaceId: ws(n), seq: 3, participationId: `vpo_${hex(n).slice(-24)}`, serialNumber: `SN-${n}`, createdAt: '2025-01-01T00:00:00Z', ...dueKeys(n) })));
  await insert('eligibility_rule_versions', many((n) => ({ workspaceId: ws(n), programInstanceId: `cinstance${String(n % 500).padStart(16, '0')}`, version: Math.floor(n / 500) + 1, rules: {} })));
  await insert('job_chunks', many((n) => ({ _id: `cjob${String(n % 200).padStart(20, '0')}:${Math.floor(n / 200)}`, workspaceId: ws(n), jobId: `cjob${String(n % 200).padStart(20, '0')}`, index: Math.floor(n / 200), rows: [] })));
  await insert('job_results', many((n) => ({ _id: `cjob${String(n % 200).padStart(20, '0')}:${Math.floor(n / 200)}`, workspaceId: ws(n), jobId: `cjob${String(n % 200).padStart(20, '0')}`, index: Math.floor(n / 200), errors: [] })));
  await insert('enrollment_events', many((n) => ({ _id: `evt_${n}`, workspaceId: ws(n), enrollmentId: `cenrollment${String(n % 400).padStart(14, '0')}`, seq: Math.floor(n / 400) + 1, type: 'enrollment.updated', feedBuckets: feedBucketsOf(`2025-01-01T00:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`) })));
  // A workspace has a handful of endpoints, and there are many workspaces: ours has 4 of the 2,000.
  await insert('webhook_endpoints', many((n) => ({ _id: `whe_${n}`, workspaceId: n % 500 === 7 ? WS : `ws_other_${n % 500}`, url: 'https://hooks.example.com/', createdAt: '2025-01-01T00:00:00Z' })));
  await insert('webhook_messages', many((n) => ({ _id: `msg_${n}`, workspaceId: ws(n), endpointId: `whe_${n % 50}`, eventId: `evt_${n}`, state: n % 100 === 0 ? 'pending' : n % 3 === 0 ? 'failed' : 'delivered' })));
  await insert('delivery_attempts', many((n) => ({ _id: `att_${n}`, workspaceId: ws(n), subjectId: `msg_${n % 500}`, attempt: Math.floor(n / 500) + 1 })));
  await insert('cursors', many((n) => ({ _id: `webhooks:fanout:${n}`, value: '3', updatedAt: '2025-01-01T00:00:00Z' })));
  await insert('program_instances', many((n) => ({ _id: `cinstance${String(n).padStart(16, '0')}`, workspaceId: ws(n), createdAt: '2025-01-01T00:00:00Z' })));
  await insert('programs', many((n) => ({ _id: `vpr_${String(n).padStart(24, '0')}`, createdAt: '2025-01-01T00:00:00Z' })));
  await insert('claims', many((n) => ({ workspaceId: ws(n), key: `device:cinstance${String(n).padStart(16, '0')}:SN-${n}`, ownerId: `enr_${n}` })));
  await insert('idempotency_records', many((n) => ({ workspaceId: ws(n), key: `key-${n}`, fingerprint: hex(n), createdAt: '2025-01-01T00:00:00Z' })));
  await insert('operator_references', many((n) => ({ workspaceId: ws(n), programInstanceId: `cinstance${String(n).padStart(16, '0')}`, kind: 'device', value: `krakenflex-${n}`, participationId: `vpo_${hex(n).slice(-24)}` })));
  await insert('operator_event_ids', many((n) => ({ workspaceId: ws(n), programInstanceId: `cinstance${String(n).padStart(16, '0')}`, adapterId: 'kraken', eventId: `kraken-event-${n}`, participationId: `vpo_${hex(n).slice(-24)}` })));
  await mongoRepositories(connection).enrollments.saveMany(Array.from({ length: 300 }, (_, n) => listedEnrollment(n)));
  // Other instances' lists beside it: ledger entries, and the counts of many instances.
  await insert('enrollment_list_ledger', many((n) => ({ _id: `ws_other/cinstance${n % 20}:${n}`, workspaceId: `ws_other_${n % 10}`, ledgerBlock: `ws_other/cinstance${n % 20}:${Math.floor(n / 100)}`, enrollmentId: `cenrollment${n}`, supersedes: `ws_other/cenrollment${n}:0`, pos: n })));
  await insert('enrollment_list_counts', many((n) => ({ _id: `ws_other_${n % 10}/cinstance${n}`, workspaceId: `ws_other_${n % 10}`, through: 0, creations: 1, counts: '{"combos":{},"blocks":[]}' })));
  // The lists' bucket index (ADR 0021): every prefix of 2,000 seconds of many lists, ours among them; and their items.
  const second = (n: number) => `2025-01-01T${String(Math.floor(n / 3600) % 24).padStart(2, '0')}:${String(Math.floor(n / 60) % 60).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
  const scope = (n: number) => (n % 10 === 7 ? `events:${WS}` : `events:ws_other_${n % 10}`);
  // Each event is also in its program instance's list (issue 24), a scope of its own in the same index.
  const instanceScope = (n: number) => `${scope(n)}/cinstance${String(n % 20).padStart(16, '0')}`;
  const prefixes = many((n) => [scope(n), instanceScope(n)].flatMap((list) => [4, 7, 10, 13, 16, 19].map((length, level, lengths) => ({
    _id: `${list}|${second(n).slice(0, length)}`, parent: `${list}|${level === 0 ? '' : second(n).slice(0, lengths[level - 1])}`, name: second(n).slice(0, length),
  })))).flat();
  const unique = [...new Map(prefixes.map((prefix) => [prefix._id, prefix])).values()];
  await insert('list_buckets', unique);
  await insert('enrollment_events', many((n) => ({ _id: `evt_listed_${n}`, workspaceId: ws(n), enrollmentId: `clisted${String(n).padStart(18, '0')}`, seq: 1, type: 'enrollment.updated', listBucket: `${scope(n)}|${second(n)}`, instanceListBucket: `${instanceScope(n)}|${second(n)}` })));
  // Delivery logs (ADR 0021, 0022): 50 endpoints' messages over many seconds, of several types and enrollments, ours
  // among them, stored through the repository so that their seconds are indexed as a writer indexes them.
  const messageTypes = ['enrollment.created', 'enrollment.updated', 'enrollment.status_changed', 'webhook.test'];
  const messages = mongoRepositories(connection).webhookMessages;
  for (let start = 0; start < ROWS; start += 100) {
    await Promise.all(many((n) => n).slice(start, start + 100).map((n) => messages.insert({
      id: `msg_log_${n}`, workspaceId: n % 50 === 7 ? WS : `ws_other_${n % 50}`, endpointId: `whe_${n % 50}`, eventId: `evt_log_${n}`, type: messageTypes[n % 4]!,
      ...(n % 4 === 3 ? {} : { enrollmentId: `cenrollment${String(n % 400).padStart(14, '0')}`, seq: 1 }),
      payload: '{}', createdAt: `${second(n)}.000Z`, state: Math.floor(n / 50) % 3 === 1 ? 'failed' : 'delivered', attempts: 1, roundStartedAtAttempt: 0,
    })));
  }
  // The overdue queue's records, through the repository so that their hours are indexed as a writer indexes them.
  const deadlines = mongoRepositories(connection).deadlines;
  for (let start = 0; start < ROWS; start += 100) await deadlines.write(many(deadlineRecord).slice(start, start + 100));
  // Most items delivered, a few pending: the worker's equality on status must not read the delivered ones.
  await insert('adapter_outbox', many((n) => ({ _id: `obx_${n}`, workspaceId: ws(n), enrollmentId: `cenrollment${String(n).padStart(14, '0')}`, seq: 2, status: n % 100 === 0 ? 'pending' : 'delivered', createdAt: '2025-01-01T00:00:00Z' })));
  await insert('customer_mails', many((n) => ({ _id: `mail_${n}`, workspaceId: ws(n), enrollmentId: `cenrollment${String(n).padStart(14, '0')}`, seq: 2, status: n % 100 === 0 ? 'pending' : 'sent', createdAt: '2025-01-01T00:00:00Z' })));
}

function hex(n: number): string {
  return n.toString(16).padStart(64, '0');
}

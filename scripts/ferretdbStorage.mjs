// Where one FerretDB run (scripts/ferretdb.mjs) keeps its data, thrown away when it stops:
//   PostgreSQL: a fresh database flexroll_test_<pid>_<random> on the server that FLEXROLL_TEST_POSTGRES_URL names
//     (default postgres://postgres@127.0.0.1:5432/postgres), dropped afterwards. It talks to PostgreSQL through the
//     `pg` package (a root devDependency), so no psql is needed;
//   SQLite: an empty temporary directory, removed afterwards.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** How long the server may take to accept a connection before it counts as not there. */
const connectTimeoutMs = 2_000;
const statementTimeoutMs = 30_000;
/**
 * The most PostgreSQL connections FerretDB opens (pool_max_conns, FerretDB's own default made explicit). The
 * conformance suite races 50 operations at once; with a pool of 8 FerretDB v1 starves its own pool and the
 * 50-racing-triggers spec stalls until it times out, so the pool is not made smaller to fit a busy server.
 */
const FERRETDB_POOL_SIZE = 50;
const require = createRequire(import.meta.url);

/** The server the per-run databases are created on: FLEXROLL_TEST_POSTGRES_URL, else the local default. */
export function postgresServerUrl() {
  return process.env.FLEXROLL_TEST_POSTGRES_URL || DEFAULT_POSTGRES_URL;
}

/** The URL with its password, if any, replaced by ***. */
export function redactUrl(url) {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/** The same server, user and parameters as `serverUrl`, with database `name`. */
function databaseUrl(serverUrl, name) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Refuses a server whose free connections are fewer than FerretDB may open: the specs would fail at random. */
async function ensureFreeConnections(client) {
  const { rows: [slots] } = await client.query(`SELECT current_setting('max_connections')::int AS max,
    current_setting('superuser_reserved_connections')::int AS reserved,
    (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend') AS used`);
  const free = slots.max - slots.reserved - slots.used;
  if (free < FERRETDB_POOL_SIZE) {
    throw new Error(`only ${free} of its ${slots.max} connections are free (${slots.used} in use), and FerretDB may open ${FERRETDB_POOL_SIZE}`);
  }
}

const dropStatement = (name) => `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`;

async function withClient(serverUrl, action) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: connectTimeoutMs, query_timeout: statementTimeoutMs });
  client.on('error', () => {}); // a connection lost later fails the query that meets it
  try {
    await client.connect();
    return await action(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates an empty database `flexroll_test_<pid>_<random>`. Rejects when the server does not accept a connection
 * within about 2 s, refuses, or has too few connections free for FerretDB.
 * @param {string} serverUrl
 * @returns {Promise<{ name: string, url: string, drop(): Promise<void>, dropSync(): void }>}
 */
async function createRunDatabase(serverUrl) {
  const name = `flexroll_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, async (client) => {
    await ensureFreeConnections(client);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  return {
    name,
    url: databaseUrl(serverUrl, name),
    // WITH (FORCE) (PostgreSQL 13+) ends connections FerretDB may still hold, e.g. after it was killed.
    drop: () => withClient(serverUrl, (client) => client.query(dropStatement(name))).then(() => undefined),
    dropSync: () => dropDatabaseSync(serverUrl, name),
  };
}

/** The same drop, blocking, for process.on('exit') where nothing asynchronous runs any more: a short node child. */
function dropDatabaseSync(serverUrl, name) {
  const script = `const { Client } = require(process.argv[1]);
const client = new Client({ connectionString: process.env.FLEXROLL_DROP_FROM, connectionTimeoutMillis: ${connectTimeoutMs} });
client.connect().then(() => client.query(process.argv[2])).catch(() => {}).finally(() => client.end());`;
  spawnSync(process.execPath, ['-e', script, require.resolve('pg'), dropStatement(name)], {
    env: { ...process.env, FLEXROLL_DROP_FROM: serverUrl }, // not on the command line, where ps would show a password
    stdio: 'ignore',
    timeout: 10_000,
  });
}

/**
 * Where FerretDB keeps one run's data: its command-line flags, and how to throw the data away afterwards.
 * On PostgreSQL the URL carries plan_cache_mode=force_custom_plan. FerretDB v1 sends every filter it pushes down as
 * `_jsonb->$1 @> $2` through pgx's cached prepared statements; after five runs PostgreSQL may switch such a
 * statement to a generic plan, and a generic plan can never use an expression index on `_jsonb->'field'`. pgx sends
 * unknown URL parameters as run-time parameters, so this sets the mode on every connection FerretDB opens, and the
 * same way turns synchronous_commit off. (FerretDB itself reads pool_max_conns.)
 */
function postgresStorage(database) {
  const ferretUrl = new URL(database.url);
  ferretUrl.searchParams.set('plan_cache_mode', 'force_custom_plan');
  ferretUrl.searchParams.set('pool_max_conns', String(FERRETDB_POOL_SIZE));
  // The database is thrown away after the run, so a commit need not wait for its WAL flush.
  ferretUrl.searchParams.set('synchronous_commit', 'off');
  return {
    backend: 'postgresql',
    database: database.name,
    postgresUrl: database.url,
    flags: ['--handler=postgresql', `--postgresql-url=${ferretUrl}`],
    dispose: () => database.drop(),
    disposeSync: () => database.dropSync(),
  };
}

function sqliteStorage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flexroll-ferretdb-sqlite-'));
  const disposeSync = () => fs.rmSync(dir, { recursive: true, force: true });
  return {
    backend: 'sqlite',
    database: undefined,
    postgresUrl: undefined,
    flags: ['--handler=sqlite', `--sqlite-url=${pathToFileURL(dir).href}/`],
    dispose: async () => disposeSync(),
    disposeSync,
  };
}

/** PostgreSQL if asked for, or on 'auto' when the server answers; SQLite if asked for or as the fallback. */
export async function openStorage(backend, serverUrl, log) {
  if (!['auto', 'postgresql', 'sqlite'].includes(backend)) throw new Error(`unknown FerretDB backend '${backend}' (auto, postgresql or sqlite)`);
  if (backend === 'sqlite') return sqliteStorage();
  try {
    return postgresStorage(await createRunDatabase(serverUrl));
  } catch (error) {
    const reason = `PostgreSQL at ${redactUrl(serverUrl)} is not available: ${error instanceof Error ? error.message : error}`;
    if (backend === 'postgresql') throw new Error(reason, { cause: error });
    log(`ferretdb: ${reason}; using SQLite`);
    return sqliteStorage();
  }
}

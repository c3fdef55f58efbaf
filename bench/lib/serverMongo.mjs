// MongoDB for bench/server.mjs: MONGODB_URI when set (and answering), else FerretDB on PostgreSQL started with
// scripts/ferretdb.mjs, else a reason to skip. The served store gets a database of its own, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { startFerretDb } from '../../scripts/ferretdb.mjs';
import { cleanEnvironment, flexrollAdmin } from './serveProcess.mjs';

const mongoose = createRequire(import.meta.resolve('@flexroll/store-mongo'))('mongoose');

/**
 * `shared` is the MongoDB the rest of `npm run bench` runs on: when it is FerretDB on PostgreSQL, the server bench
 * uses it too (a database of its own) rather than start a second FerretDB, which could find PostgreSQL's
 * connections already taken by the first.
 *
 * @param {{ uri?: string, postgresUrl?: string, source?: string }} [shared]
 * @returns {Promise<{ uri: string, source: string, postgresUrl?: string, stop(): Promise<void> } | { skipReason: string }>}
 */
export async function provideServerMongo(shared) {
  if (!process.env.MONGODB_URI && shared?.uri !== undefined && shared.postgresUrl !== undefined) {
    return { uri: shared.uri, source: shared.source ?? 'the run\'s FerretDB on PostgreSQL', backend: 'PostgreSQL', postgresUrl: shared.postgresUrl, stop: async () => {} };
  }
  const configured = process.env.MONGODB_URI;
  if (configured) {
    try {
      await withClient(configured, (client) => client.db('admin').command({ ping: 1 }));
    } catch (error) {
      return { skipReason: `MONGODB_URI is set but its server did not answer (${firstLine(error)})` };
    }
    const postgresUrl = process.env.FLEXROLL_FERRETDB_POSTGRES_URL || undefined;
    return { uri: configured, source: 'MONGODB_URI', postgresUrl, stop: async () => {} };
  }
  let server;
  try {
    server = await startFerretDb({ backend: 'postgresql', log: (message) => process.stderr.write(`${message}\n`) });
  } catch (error) {
    return { skipReason: `MONGODB_URI is not set and FerretDB on PostgreSQL could not be started (${firstLine(error)})` };
  }
  if (server.backend !== 'postgresql') {
    await server.stop();
    return {
      skipReason: 'MONGODB_URI is not set, and startFerretDb({ backend: \'postgresql\' }) in scripts/ferretdb.mjs started FerretDB on '
        + `${server.backend ?? 'SQLite'} instead (no PostgreSQL backend on this commit). Set MONGODB_URI to a FerretDB on PostgreSQL.`,
    };
  }
  return { uri: server.uri, source: 'FerretDB on PostgreSQL, started by the benchmark', backend: 'PostgreSQL', postgresUrl: server.postgresUrl, stop: () => server.stop() };
}

/**
 * "FerretDB v1.24.2 on PostgreSQL 15.20", "MongoDB 8.0.4": from buildInfo and FerretDB's start-up log, or the
 * backend the benchmark started it on (`knownBackend`) when the log does not say.
 */
export async function describeBackend(uri, knownBackend) {
  return withClient(uri, async (client) => {
    const admin = client.db('admin');
    const info = await admin.command({ buildInfo: 1 });
    if (info.ferretdbVersion === undefined) return `MongoDB ${info.version}`;
    const log = await admin.command({ getLog: 'startupWarnings' }).catch(() => ({ log: [] }));
    const powered = log.log.map((line) => /Powered by FerretDB (\S+) and ([^.]+(?:\.\d+)*)\./.exec(line)).find(Boolean);
    if (powered !== undefined) return `FerretDB ${powered[1]} on ${powered[2]}`;
    return `FerretDB ${info.ferretdbVersion} ${knownBackend === undefined ? '(backend unknown)' : `on ${knownBackend}`}`;
  });
}

/** `uri` with a new database of its own in its path. */
export function withFreshDatabase(uri, label) {
  const url = new URL(uri);
  url.pathname = `/flexroll_bench_${label}_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

export async function dropDatabase(uri) {
  await withClient(uri, (client) => client.db().dropDatabase());
}

/**
 * The served store's environment, and a workspace, secret key and program on it made with the `flexroll` admin
 * commands, as an operator would (README, "On MongoDB"): the program is the one the embedded server's demo makes.
 */
export async function prepareMongoServe(mongo, databaseUri) {
  const env = cleanEnvironment({
    MONGODB_URI: databaseUri,
    FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64'),
    FLEXROLL_ADMIN_TOKEN: `fr_admin_${randomBytes(24).toString('base64url')}`,
    ...(mongo.postgresUrl === undefined ? {} : { FLEXROLL_FERRETDB_POSTGRES_URL: mongo.postgresUrl }),
  });
  const workspace = await flexrollAdmin(env, 'workspace', 'create', 'Bench workspace');
  const key = await flexrollAdmin(env, 'key', 'create', workspace.id, '--name', 'bench', '--mode', 'test');
  const program = await flexrollAdmin(env, 'program', 'create', 'Community Powershare', '--provider', 'Leap',
    '--learn-more-url', 'https://leap.com/programmes/community-powershare', '--logo-url', 'https://s.flatpeak.com/83b06a60e38c2.png');
  return { env, workspaceId: workspace.id, secretKey: key.secret, programId: program.id };
}

async function withClient(uri, work) {
  const client = await new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 10_000 }).connect();
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

function firstLine(error) {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}

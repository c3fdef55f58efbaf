// FerretDB (a MongoDB-compatible server on PostgreSQL or SQLite) for the tests and for developers.
//
//   node scripts/ferretdb.mjs start   build if needed, start on a free port and an empty database, print the URI and
//                                     the backend, run until Ctrl-C (then the data is thrown away)
//   node scripts/ferretdb.mjs build   only build (or check) .cache/bin/ferretdb
//
// The backend: PostgreSQL when the server that FLEXROLL_TEST_POSTGRES_URL names (default
// postgres://postgres@127.0.0.1:5432/postgres) answers within about 2 s, with a fresh database per run
// (scripts/ferretdbStorage.mjs) that is dropped when FerretDB stops; else SQLite in an empty temporary directory.
// FerretDB v1 answers indexed queries about 90 times faster on PostgreSQL (docs/adr/0005).
//
// The binary is built from the tool module in tools/ferretdb (FerretDB v1.24.2) into .cache/bin/ferretdb, and
// rebuilt when tools/ferretdb/go.mod or go.sum change (their hash is kept in .cache/bin/ferretdb.hash).
//
// Why not a plain `go build github.com/FerretDB/FerretDB/cmd/ferretdb`: that binary panics at start-up
// ("Invalid build/version/version.txt file content"), because FerretDB reads its version from a generated file
// that is not in the published module, and Go records FerretDB (not our tool module) as the main module.
// The module cache is read-only and `-overlay` may not touch it, so the build copies the FerretDB module
// (3.4 MB) to .cache/ferretdb-build, adds build/version/version.txt, and builds with a `replace` in an
// alternate go.mod (-modfile). Dependencies still come from the Go build and module caches.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openStorage, postgresServerUrl, redactUrl } from './ferretdbStorage.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolDir = path.join(repoRoot, 'tools', 'ferretdb');
const binDir = path.join(repoRoot, '.cache', 'bin');
const binaryPath = path.join(binDir, 'ferretdb');
const hashPath = `${binaryPath}.hash`;
const buildDir = path.join(repoRoot, '.cache', 'ferretdb-build');
const ferretModule = 'github.com/FerretDB/FerretDB';
const startTimeoutMs = 30_000;
const stopTimeoutMs = 5_000;
/** Bump when the build recipe below changes, so that cached binaries are rebuilt. */
const recipeVersion = 'replace-with-version-txt/1';

/** The `go` command: from PATH, else /usr/local/go/bin/go; undefined when there is none. */
export function findGo() {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const candidates = [...dirs.map((d) => path.join(d, 'go')), '/usr/local/go/bin/go'];
  return candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

function toolModuleHash() {
  const hash = createHash('sha256').update(recipeVersion);
  for (const name of ['go.mod', 'go.sum']) hash.update(fs.readFileSync(path.join(toolDir, name)));
  return hash.digest('hex');
}

/** True when .cache/bin/ferretdb exists and was built from the current tools/ferretdb go.mod and go.sum. */
export function isFerretDbBinaryFresh() {
  try {
    return fs.existsSync(binaryPath) && fs.readFileSync(hashPath, 'utf8').trim() === toolModuleHash();
  } catch {
    return false;
  }
}

function runGo(goBin, args, what) {
  const result = spawnSync(goBin, ['-C', toolDir, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${what}: cannot run ${goBin}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

function makeWritable(dir) {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWritable(full);
    else fs.chmodSync(full, 0o644);
  }
}

/** Copies the FerretDB module out of the module cache and adds the version file it needs at run time. */
function prepareSource(goBin) {
  const info = JSON.parse(runGo(goBin, ['mod', 'download', '-json', ferretModule], 'go mod download'));
  if (!info.Dir || !info.Version) throw new Error(`go mod download gave no directory for ${ferretModule}`);
  fs.rmSync(buildDir, { recursive: true, force: true });
  const srcDir = path.join(buildDir, 'FerretDB');
  fs.cpSync(info.Dir, srcDir, { recursive: true });
  makeWritable(srcDir);
  fs.writeFileSync(path.join(srcDir, 'build', 'version', 'version.txt'), `${info.Version}\n`);
  const goMod = fs.readFileSync(path.join(toolDir, 'go.mod'), 'utf8');
  fs.writeFileSync(path.join(buildDir, 'go.mod'), `${goMod}\nreplace ${ferretModule} => ${srcDir}\n`);
  fs.copyFileSync(path.join(toolDir, 'go.sum'), path.join(buildDir, 'go.sum'));
}

/**
 * Makes sure .cache/bin/ferretdb exists and matches tools/ferretdb; builds it with Go when not.
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {Promise<string>} the binary's path
 */
export async function ensureFerretDbBinary({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  if (isFerretDbBinaryFresh()) return binaryPath;
  const goBin = findGo();
  if (!goBin) throw new Error('FerretDB is not built yet and Go is not available (looked on PATH and /usr/local/go/bin)');
  const started = Date.now();
  log(`ferretdb: building FerretDB from tools/ferretdb with ${goBin} (about a minute on a cold Go cache)...`);
  fs.mkdirSync(binDir, { recursive: true });
  prepareSource(goBin);
  const tmpBinary = `${binaryPath}.tmp-${process.pid}`;
  try {
    runGo(goBin, ['build', '-buildvcs=false', `-modfile=${path.join(buildDir, 'go.mod')}`, '-o', tmpBinary,
      `${ferretModule}/cmd/ferretdb`], 'go build ferretdb');
    const check = spawnSync(tmpBinary, ['--version'], { encoding: 'utf8' });
    if (check.status !== 0 || !/^version: v/m.test(check.stdout)) {
      throw new Error(`the built ferretdb does not start:\n${check.stderr}${check.stdout}`);
    }
    fs.renameSync(tmpBinary, binaryPath);
    fs.writeFileSync(hashPath, `${toolModuleHash()}\n`);
  } finally {
    fs.rmSync(tmpBinary, { force: true });
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
  log(`ferretdb: built ${path.relative(repoRoot, binaryPath)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return binaryPath;
}

/** A port that was free a moment ago (listen on 0, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => { socket.destroy(); resolve(false); });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the port accepts a connection; rejects if the process exits first or after the timeout. */
async function waitForPort(child, port, stderrText) {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`ferretdb exited (${child.exitCode ?? child.signalCode}) before listening:\n${stderrText()}`);
    }
    if (await canConnect(port)) return;
    await sleep(100);
  }
  throw new Error(`ferretdb did not listen on 127.0.0.1:${port} within ${startTimeoutMs / 1000} s:\n${stderrText()}`);
}

function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => { clearTimeout(timer); resolve(true); });
  });
}

/** Starts FerretDB on the port; on failure it leaves the storage as it was, for another try. */
async function startOnce(binary, port, storage) {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flexroll-ferretdb-state-'));
  const child = spawn(binary, [
    ...storage.flags,
    `--state-dir=${stateDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    '--debug-addr=-',
    '--log-level=warn',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-20_000); });
  child.on('error', (error) => { stderr += `\nspawn error: ${error.message}`; });

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, stopTimeoutMs))) {
        child.kill('SIGKILL');
        await waitForExit(child, stopTimeoutMs);
      }
    }
    fs.rmSync(stateDir, { recursive: true, force: true });
  };
  // Last resort if the parent exits without calling stop() (uncaught error, process.exit).
  const onExit = () => {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
    fs.rmSync(stateDir, { recursive: true, force: true });
    storage.disposeSync();
  };
  process.on('exit', onExit);

  try {
    await waitForPort(child, port, () => stderr.trim() || '(no output on stderr)');
  } catch (error) {
    process.off('exit', onExit);
    await kill();
    throw error;
  }
  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      try {
        await kill();
        await storage.dispose();
      } finally {
        process.off('exit', onExit);
      }
    })();
    return stopping;
  };
  return { uri: `mongodb://127.0.0.1:${port}/`, port, stop, stderr: () => stderr };
}

function binaryVersion(binary) {
  const check = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return /^version: (\S+)/m.exec(check.stdout ?? '')?.[1] ?? 'v?';
}

/**
 * Builds FerretDB if needed and starts it on a free loopback port with an empty database.
 * @param {{ backend?: 'postgresql' | 'sqlite' | 'auto', postgresServerUrl?: string, log?: (message: string) => void }} [options]
 *   backend: 'auto' (the default) is PostgreSQL when the server (postgresServerUrl, else FLEXROLL_TEST_POSTGRES_URL,
 *   else postgres://postgres@127.0.0.1:5432/postgres) answers within about 2 s, else SQLite.
 * @returns {Promise<{ uri: string, port: number, backend: 'postgresql' | 'sqlite', database: string | undefined,
 *   postgresUrl: string | undefined, version: string, stop(): Promise<void>, stderr(): string }>}
 *   postgresUrl is the run's own database (without the plan_cache_mode parameter); undefined on SQLite.
 *   stop() stops FerretDB and throws its data away (drops the PostgreSQL database, or removes the SQLite files).
 */
export async function startFerretDb(options = {}) {
  const log = options.log ?? ((m) => process.stderr.write(`${m}\n`));
  const binary = await ensureFerretDbBinary({ log });
  const storage = await openStorage(options.backend ?? 'auto', options.postgresServerUrl ?? postgresServerUrl(), log);
  const about = { backend: storage.backend, database: storage.database, postgresUrl: storage.postgresUrl, version: binaryVersion(binary) };
  let lastError;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      return { ...about, ...(await startOnce(binary, await freePort(), storage)) };
    } catch (error) {
      lastError = error; // most likely the port was taken between freePort() and ferretdb's listen; try another
    }
  }
  await storage.dispose();
  throw lastError;
}

/** One line on what runs: `FerretDB v1.24.2 on PostgreSQL (database flexroll_test_…)` or `… on SQLite`. */
export function describeFerretDb(server) {
  const where = server.backend === 'postgresql' ? `PostgreSQL (database ${server.database})` : 'SQLite';
  return `FerretDB ${server.version} on ${where}`;
}

async function main(command) {
  if (command === 'build') {
    console.log(await ensureFerretDbBinary());
    return;
  }
  if (command !== 'start') {
    console.error('usage: node scripts/ferretdb.mjs start|build');
    process.exitCode = 2;
    return;
  }
  const server = await startFerretDb();
  console.log(server.uri);
  console.log(`${describeFerretDb(server)}${server.postgresUrl === undefined ? '' : ` at ${redactUrl(server.postgresUrl)}`}`);
  console.error('ferretdb: running; Ctrl-C to stop (data is thrown away)');
  const shutdown = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv[2]).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

// The single test entry: `npm test` (= `npm run build:all && node scripts/test.mjs`); `npm run test:fast` skips the
// build.
//
// What it runs: the test build's specs packages/*/build/**/*.spec.js, plugins/*/build/**/*.spec.js and
// test/build/**/*.spec.js, with Mocha (spec reporter, 20 s timeout), 'reflect-metadata' imported first.
// It runs under `node --conditions=flexroll-test` (re-executing itself with the flag when it is missing), so that
// every @flexroll/* import resolves to the packages' build/ and no product dist/ copy is loaded next to it. The flag
// is passed on the command line, never through NODE_OPTIONS, so child processes that the specs start (the real CLI
// from packages/cli/dist) resolve the product build; a flexroll-test condition in NODE_OPTIONS is removed.
//
// Arguments (all optional):
//   -g, --grep <regexp>   run only tests whose full title matches (Mocha's --grep); -i, --invert inverts it
//   -b, --bail            stop at the first failure
//   <path>                a spec file or a folder: compiled .js, or the .spec.ts source (mapped to its build/ .js)
//   <text>                any other word keeps the spec files whose path contains it, e.g. `store-mongo`
//   e.g. node scripts/test.mjs store-mongo
//        node scripts/test.mjs --grep 'participation' packages/core
//        node scripts/test.mjs packages/sdk/src/participation/states.spec.ts
//
// MongoDB for the specs — needed when any selected spec file's path contains 'mongo' or lives in test/:
//   1. MONGODB_URI set: used as is.
//   2. else Go available (PATH or /usr/local/go/bin/go), or .cache/bin/ferretdb already built: FerretDB
//      (scripts/ferretdb.mjs) is built if needed and started on a free port, on PostgreSQL when the server named by
//      FLEXROLL_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres) answers within about 2 s,
//      with a fresh database flexroll_test_<pid>_<random>; else on an empty SQLite directory. The specs get
//      MONGODB_URI=mongodb://127.0.0.1:<port>/ (they pick their own database names) and, on PostgreSQL,
//      FLEXROLL_FERRETDB_POSTGRES_URL = that database's URL. FerretDB is stopped and its data thrown away (the
//      database dropped) after the run, on SIGINT/SIGTERM and on uncaught errors.
//   3. else, with CI set: the run fails. Without CI: FLEXROLL_MONGO_SKIP_REASON is set and the Mongo specs
//      skip themselves with that reason.
//
// Output: Mocha's spec report, then as the very last line `N passed, N failed` (`, N skipped` when tests were
// pending), counted from the runner's events; a failing hook counts as a failure. Exit code 1 iff something
// failed or no test ran (passed + failed = 0, e.g. no specs found or all skipped); that is then reported as
// `0 passed, 1 failed` with the reason above it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';
import { describeFerretDb, findGo, isFerretDbBinaryFresh, startFerretDb } from './ferretdb.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The package.json export condition that selects the test build (build/) instead of the product build (dist/). */
const TEST_CONDITION = 'flexroll-test';
const specRoots = [
  ...['packages', 'plugins'].flatMap((group) => listDirs(path.join(repoRoot, group)).map((p) => path.join(p, 'build'))),
  path.join(repoRoot, 'test', 'build'),
];
const mongoSkipReason = 'neither MONGODB_URI nor Go is available, so FerretDB cannot be built';

const counts = { passed: 0, failed: 0, skipped: 0 };
let mongoServer; // startFerretDb()'s server while FerretDB runs
let mochaRunning = false;
let finishing = false;

function listDirs(dir) {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}

/** All *.spec.js files under dir (node:fs has no globSync on Node 20). */
function walkSpecs(dir, out = []) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walkSpecs(full, out);
    } else if (entry.name.endsWith('.spec.js')) {
      out.push(full);
    }
  }
  return out;
}

/** The compiled .js for a .spec.ts source: …/src/… → …/build/…, or test/x.spec.ts → test/build/x.spec.js. */
function compiledSpecFor(file) {
  const rel = path.relative(repoRoot, file).replace(/\.(m|c)?tsx?$/, '.js');
  const parts = rel.split(path.sep);
  const candidates = [];
  const srcAt = parts.indexOf('src');
  if (srcAt >= 0) candidates.push([...parts.slice(0, srcAt), 'build', ...parts.slice(srcAt + 1)]);
  candidates.push([parts[0], 'build', ...parts.slice(1)]);
  const found = candidates.map((p) => path.join(repoRoot, ...p)).find((p) => fs.existsSync(p));
  if (!found) throw new Error(`no compiled spec for ${rel.replace(/\.js$/, '.ts')} (run \`npm run build:all\` first)`);
  return found;
}

function selectSpecs(positionals) {
  const all = specRoots.flatMap((root) => walkSpecs(root)).sort();
  if (positionals.length === 0) return all;
  const selected = new Set();
  for (const arg of positionals) {
    const abs = path.resolve(arg);
    if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) {
      const inDir = walkSpecs(abs);
      if (inDir.length === 0) throw new Error(`no compiled *.spec.js under ${arg} (run \`npm run build:all\` first)`);
      inDir.forEach((f) => selected.add(f));
    } else if (fs.existsSync(abs)) {
      selected.add(/\.(m|c)?tsx?$/.test(abs) ? compiledSpecFor(abs) : abs);
    } else {
      const matching = all.filter((f) => path.relative(repoRoot, f).includes(arg));
      if (matching.length === 0) throw new Error(`no spec file path contains "${arg}"`);
      matching.forEach((f) => selected.add(f));
    }
  }
  return [...selected].sort();
}

function needsMongo(files) {
  return files.some((f) => {
    const rel = path.relative(repoRoot, f).split(path.sep).join('/');
    return rel.includes('mongo') || rel.startsWith('test/');
  });
}

/** Sets MONGODB_URI (or the skip reason) for the specs; starts FerretDB when needed. */
async function provideMongo() {
  if (process.env.MONGODB_URI) {
    console.log(`MongoDB for the specs: MONGODB_URI (${redact(process.env.MONGODB_URI)})`);
    return;
  }
  if (findGo() || isFerretDbBinaryFresh()) {
    mongoServer = await startFerretDb({ log: (m) => console.log(m) });
    process.env.MONGODB_URI = mongoServer.uri;
    // For the MongoDB store's specs: the PostgreSQL database behind FerretDB, to add indexes its backend can use.
    if (mongoServer.postgresUrl === undefined) delete process.env.FLEXROLL_FERRETDB_POSTGRES_URL;
    else process.env.FLEXROLL_FERRETDB_POSTGRES_URL = mongoServer.postgresUrl;
    console.log(`MongoDB for the specs: ${describeFerretDb(mongoServer)} at ${mongoServer.uri}`);
    return;
  }
  if (process.env.CI) throw new Error(`CI is set but ${mongoSkipReason}`);
  process.env.FLEXROLL_MONGO_SKIP_REASON = mongoSkipReason;
  console.log(`\n*** MongoDB specs will be SKIPPED: ${mongoSkipReason} ***\n`);
}

function redact(uri) {
  return uri.replace(/\/\/([^@/]*)@/, '//***@');
}

async function stopMongo() {
  const server = mongoServer;
  mongoServer = undefined;
  if (server) await server.stop();
}

function summaryLine() {
  return `${counts.passed} passed, ${counts.failed} failed${counts.skipped > 0 ? `, ${counts.skipped} skipped` : ''}`;
}

/** Stops FerretDB, prints the closing line last, and exits. */
async function finish(extraFailureMessage) {
  if (finishing) return;
  finishing = true;
  if (extraFailureMessage) {
    console.error(extraFailureMessage);
    counts.failed += 1;
  } else if (counts.passed + counts.failed === 0) {
    const why = counts.skipped > 0 ? `all ${counts.skipped} tests were skipped` : 'no tests were found or none matched';
    console.error(`No test ran: ${why}.`);
    counts.failed = 1;
  }
  try {
    await stopMongo();
  } catch (error) {
    console.error(`stopping FerretDB failed: ${error instanceof Error ? error.message : error}`);
  }
  process.stdout.write(`${summaryLine()}\n`, () => process.exit(counts.failed > 0 ? 1 : 0));
}

function onFatal(error) {
  if (mochaRunning) return; // Mocha's own listener turns it into a test failure
  void finish(`Test run aborted: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
}

function onSignal(signal) {
  void finish(`Test run interrupted by ${signal}.`);
}

async function loadReflectMetadata() {
  try {
    const resolved = createRequire(path.join(repoRoot, 'package.json')).resolve('reflect-metadata');
    await import(pathToFileURL(resolved).href);
  } catch (error) {
    console.warn(`warning: could not import reflect-metadata from the root node_modules (${error.message})`);
  }
}

function runMocha(files, options) {
  const mocha = new Mocha({ reporter: 'spec', timeout: 20_000, bail: options.bail });
  if (options.grep) mocha.grep(options.grep);
  if (options.invert) mocha.invert();
  files.forEach((f) => mocha.addFile(f));
  return mocha.loadFilesAsync().then(() => new Promise((resolve) => {
    mochaRunning = true;
    const runner = mocha.run(() => {
      mochaRunning = false;
      resolve();
    });
    runner.on('pass', () => { counts.passed += 1; });
    runner.on('fail', () => { counts.failed += 1; });
    runner.on('pending', () => { counts.skipped += 1; });
  }));
}

function parseCli() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      grep: { type: 'string', short: 'g' },
      invert: { type: 'boolean', short: 'i' },
      bail: { type: 'boolean', short: 'b' },
    },
  });
  return { ...values, positionals };
}

async function main() {
  process.on('uncaughtException', onFatal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let options;
  let files;
  try {
    options = parseCli();
    files = selectSpecs(options.positionals);
  } catch (error) {
    return finish(`${error.message}\nusage: node scripts/test.mjs [--grep <regexp>] [--invert] [--bail] [spec file | folder | text]...`);
  }
  if (files.length === 0) return finish('No spec files found (looked for packages/*/build, plugins/*/build and test/build **/*.spec.js; run `npm run build:all` first).');
  console.log(`Running ${files.length} spec file(s).`);
  try {
    if (needsMongo(files)) await provideMongo();
  } catch (error) {
    return finish(`MongoDB for the specs is not available: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    await loadReflectMetadata();
    await runMocha(files, options);
  } catch (error) {
    return finish(`Test run failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
  return finish();
}

/** How many words from `i` on name the test condition: 1 (`--conditions=flexroll-test`), 2 (`-C flexroll-test`), or 0. */
function testConditionAt(words, i) {
  if (words[i] === `--conditions=${TEST_CONDITION}` || words[i] === `-C=${TEST_CONDITION}`) return 1;
  return (words[i] === '--conditions' || words[i] === '-C') && words[i + 1] === TEST_CONDITION ? 2 : 0;
}

function hasTestCondition(words) {
  return words.some((_, i) => testConditionAt(words, i) > 0);
}

/** NODE_OPTIONS without the test condition (undefined when nothing is left), so child processes are not switched. */
function nodeOptionsWithoutTestCondition(nodeOptions = '') {
  const words = nodeOptions.split(/\s+/).filter(Boolean);
  const kept = [];
  for (let i = 0; i < words.length; i += 1) {
    const width = testConditionAt(words, i);
    if (width === 0) kept.push(words[i]);
    else i += width - 1;
  }
  return kept.length > 0 ? kept.join(' ') : undefined;
}

/** Runs this script again under `node --conditions=flexroll-test` and exits with its exit code. */
function rerunWithTestCondition() {
  const args = [...process.execArgv, `--conditions=${TEST_CONDITION}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  // Ctrl-C reaches both processes; a signal sent to this one alone is passed on. The child prints the summary line.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`cannot run ${process.execPath} --conditions=${TEST_CONDITION}: ${error.message}`);
    process.stdout.write('0 passed, 1 failed\n', () => process.exit(1));
  });
  child.on('exit', (code) => process.exit(code ?? 1));
}

const nodeOptions = nodeOptionsWithoutTestCondition(process.env.NODE_OPTIONS);
if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
else process.env.NODE_OPTIONS = nodeOptions;
if (hasTestCondition(process.execArgv)) await main();
else rerunWithTestCondition();

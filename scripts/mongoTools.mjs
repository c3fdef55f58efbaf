// mongodump and mongorestore (MongoDB's Database Tools) for the backup test and for operators on this machine.
//
//   node scripts/mongoTools.mjs build   build (or check) .cache/bin/mongodump and .cache/bin/mongorestore
//
// Debian does not package them (bookworm: `apt-cache policy mongo-tools` finds no such package), so they are built
// with Go from github.com/mongodb/mongo-tools at release 100.18.0 (commit 21a342df…), like scripts/ferretdb.mjs builds
// FerretDB. The source comes from, in order:
//   1. the Go module proxy (`go mod download github.com/mongodb/mongo-tools@<pseudo-version of that commit>`): asked
//      first; on this project's machines it answers 403 "This module version is not available" (asked again on
//      2026-12-07, for that pseudo-version, for @latest and for the version list: all 403), so
//   2. a git repository of mongo-tools named by FLEXROLL_MONGO_TOOLS_GIT (a clone or a bare mirror), from which the
//      release's tree is exported. Its vendor/ directory holds every dependency, so the build needs nothing else
//      (`go build -mod=vendor`).
// Without either, build() throws and the backup test skips itself with the reason.
// The binaries are rebuilt when the recipe below changes (its hash is kept in .cache/bin/mongo-tools.hash).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findGo } from './ferretdb.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binDir = path.join(repoRoot, '.cache', 'bin');
const buildDir = path.join(repoRoot, '.cache', 'mongo-tools-build');
const hashPath = path.join(binDir, 'mongo-tools.hash');
const MODULE = 'github.com/mongodb/mongo-tools';
const RELEASE = '100.18.0';
const COMMIT = '21a342dfee6468ad9350d156d25086da64dd03b1';
/** The module proxy's name for that commit (mongo-tools' tags are not semantic versions, so only a pseudo-version). */
const PSEUDO_VERSION = 'v0.0.0-20260812163951-21a342dfee64';
const TOOLS = ['mongodump', 'mongorestore'];
const recipe = `${MODULE}@${COMMIT} -mod=vendor VersionStr=${RELEASE}`;

export const MONGODUMP = path.join(binDir, 'mongodump');
export const MONGORESTORE = path.join(binDir, 'mongorestore');

function recipeHash() {
  return createHash('sha256').update(recipe).digest('hex');
}

/** True when both binaries exist and were built by this recipe. */
export function areMongoToolsFresh() {
  try {
    return TOOLS.every((tool) => fs.existsSync(path.join(binDir, tool))) && fs.readFileSync(hashPath, 'utf8').trim() === recipeHash();
  } catch {
    return false;
  }
}

function run(command, args, options, what) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stderr}${result.stdout}`.slice(0, 4000));
  return result.stdout;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Puts the release's source tree in buildDir: from the module proxy, else from FLEXROLL_MONGO_TOOLS_GIT. */
function prepareSource(goBin) {
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.mkdirSync(buildDir, { recursive: true });
  const fromProxy = spawnSync(goBin, ['mod', 'download', '-json', `${MODULE}@${PSEUDO_VERSION}`], { cwd: buildDir, encoding: 'utf8' });
  const info = parseJson(fromProxy.stdout);
  if (fromProxy.status === 0 && info?.Dir) {
    fs.cpSync(info.Dir, buildDir, { recursive: true });
    return 'the Go module proxy';
  }
  const gitDir = process.env.FLEXROLL_MONGO_TOOLS_GIT;
  if (!gitDir) {
    // `go mod download -json` reports the proxy's refusal in the JSON's Error (a 403 "not available" here).
    const refusal = (info?.Error ?? fromProxy.stderr ?? fromProxy.error?.message ?? '').trim().replace(/\s+/g, ' ');
    throw new Error(`the Go module proxy does not serve ${MODULE} (${refusal}), Debian has no mongo-tools package, and FLEXROLL_MONGO_TOOLS_GIT names no git repository of it`);
  }
  const archive = spawnSync('git', [`--git-dir=${gitDir.endsWith('.git') || fs.existsSync(path.join(gitDir, 'HEAD')) ? gitDir : path.join(gitDir, '.git')}`, 'archive', COMMIT], { maxBuffer: 1024 * 1024 * 1024 });
  if (archive.status !== 0) throw new Error(`git archive ${COMMIT} in ${gitDir} failed: ${archive.stderr}`);
  run('tar', ['-x', '-C', buildDir], { input: archive.stdout }, 'tar');
  return `${gitDir} (release ${RELEASE})`;
}

/**
 * Makes sure .cache/bin/mongodump and mongorestore exist, built by this recipe; builds them when not.
 * @returns {Promise<{ mongodump: string, mongorestore: string }>}
 */
export async function ensureMongoTools({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  if (areMongoToolsFresh()) return { mongodump: MONGODUMP, mongorestore: MONGORESTORE };
  const goBin = findGo();
  if (!goBin) throw new Error('mongodump is not built yet and Go is not available (looked on PATH and /usr/local/go/bin)');
  const started = Date.now();
  const source = prepareSource(goBin);
  log(`mongo-tools: building mongodump and mongorestore ${RELEASE} from ${source} (about half a minute)...`);
  fs.mkdirSync(binDir, { recursive: true });
  try {
    for (const tool of TOOLS) {
      const target = path.join(binDir, `${tool}.tmp-${process.pid}`);
      run(goBin, ['build', '-mod=vendor', '-buildvcs=false', '-ldflags', `-X main.VersionStr=${RELEASE} -X main.GitCommit=${COMMIT}`, '-o', target, `./${tool}/main`], { cwd: buildDir }, `go build ${tool}`);
      fs.renameSync(target, path.join(binDir, tool));
    }
    fs.writeFileSync(hashPath, `${recipeHash()}\n`);
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
  log(`mongo-tools: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { mongodump: MONGODUMP, mongorestore: MONGORESTORE };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.argv[2] !== 'build') {
    console.error('usage: node scripts/mongoTools.mjs build');
    process.exit(2);
  }
  ensureMongoTools().then((paths) => console.log(`${paths.mongodump}\n${paths.mongorestore}`), (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

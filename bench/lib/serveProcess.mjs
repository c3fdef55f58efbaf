// The real server for bench/server.mjs: `node packages/cli/dist/main.js serve` in a process of its own, on a free
// port, configured through the environment as an operator would, with its stdout (the banner, then one JSON log line
// per request) read through a pipe and thrown away.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/cli/dist/main.js');
/** Far above anything two cores can send, so that the per-key limiter counts every request but never answers 429. */
export const BENCH_RATE_LIMIT_PER_MINUTE = 1_000_000_000;
/**
 * The benchmarks drive one workspace from up to 50 connections to measure the server itself, so a workspace's share
 * of the process (ADR 0020, 8 by default) is raised out of their way; bench/noisyNeighbour.mjs measures that share.
 */
export const BENCH_WORKSPACE_CONCURRENT_REQUESTS = 10_000;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** The environment a fresh shell would give the command: none of this shell's server, store or token settings. */
export function cleanEnvironment(extra = {}) {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(FLEXROLL_|MONGODB_URI$|PORT$|HOST$|LOG_LEVEL$)/.test(name)) delete env[name];
  }
  return { ...env, ...extra };
}

/**
 * Starts `flexroll serve --port 0 --sweep-seconds 0` and reads its banner: the base URL, and on the embedded store
 * the demo workspace, secret key, program and admin token it prints. The sweeps are off: on the embedded store they
 * would run inside the measured process at a moment of their choosing, and could suspend participations mid-round.
 *
 * @param {NodeJS.ProcessEnv} env from {@link cleanEnvironment}; FLEXROLL_LOG_LEVEL stays at its default, info
 */
export async function startServe(env) {
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', '--sweep-seconds', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { FLEXROLL_RATE_LIMIT_PER_MINUTE: String(BENCH_RATE_LIMIT_PER_MINUTE), FLEXROLL_WORKSPACE_CONCURRENT_REQUESTS: String(BENCH_WORKSPACE_CONCURRENT_REQUESTS), FLEXROLL_WORKSPACE_CONCURRENT_LIST_READS: String(BENCH_WORKSPACE_CONCURRENT_REQUESTS), ...env },
  });
  let output = '';
  let stderr = '';
  let lines = 0;
  let exitedWith;
  let tail = Buffer.alloc(0);
  child.once('exit', (code, signal) => { exitedWith = code ?? signal; });
  child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr = (stderr + chunk).slice(-8000); });
  const banner = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`flexroll serve printed no banner within ${START_TIMEOUT_MS / 1000} s:\n${output}${stderr}`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      // After the banner, the log lines are only counted: the pipe is drained so that the server never blocks on it.
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
      tail = Buffer.concat([tail, chunk]).subarray(-2000);
      if (output === undefined) return;
      output += chunk.toString('utf8');
      // The banner's first line ends with the reference, or (since the console) with the console after it.
      if (/\/docs\b[^\n]*\n/.test(output)) {
        clearTimeout(timer);
        resolve(output);
        output = undefined;
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`flexroll serve exited (${code ?? signal}) before its banner:\n${output ?? ''}${stderr}`));
    });
  });
  const text = await banner;
  const field = (pattern) => text.match(pattern)?.[1];
  const base = field(/Flexroll API on (http:\/\/[^\s]+)/);
  if (base === undefined) throw new Error(`no base URL in the banner of flexroll serve:\n${text}`);
  return {
    base,
    workspaceId: field(/workspace\s+(ws_\S+)/),
    secretKey: field(/secret key\s+(fr_\S+)/),
    programId: field(/program\s+(vpr_\S+)/),
    adminToken: field(/admin token\s+(\S+)/),
    logLines: () => lines,
    /** Why the server is gone, if it is (waiting a moment for its exit): exit code or signal, last output. */
    async exited() {
      if (exitedWith === undefined) await Promise.race([once(child, 'exit'), new Promise((resolve) => setTimeout(resolve, 3000))]);
      const output = `${tail.toString('utf8').split('\n').slice(-6).join('\n')}${stderr}`.trim();
      return `flexroll serve ${exitedWith === undefined ? 'stopped answering' : `exited (${exitedWith})`} during the benchmark; its last output:\n${output}`;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Runs a `flexroll` admin command (workspace create, key create, program create) and returns what it printed as JSON. */
export async function flexrollAdmin(env, ...args) {
  const { stdout } = await promisify(execFile)(process.execPath, [MAIN, ...args], { env, timeout: 120_000 });
  return JSON.parse(stdout);
}

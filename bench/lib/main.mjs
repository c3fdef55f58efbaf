// What every benchmark file shares when run alone or from bench/run.mjs: the machine header, MongoDB, the exit.
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { provideMongo } from './mongo.mjs';

/** True when the module at `url` is the script node was started with. */
export function isMain(url) {
  return process.argv[1] !== undefined && url === pathToFileURL(path.resolve(process.argv[1])).href;
}

/** The machine and the run, printed before any table so the figures carry their context. */
export function printMachine() {
  const cpus = os.cpus();
  const lines = [
    `Flexroll benchmarks — ${new Date().toISOString()}`,
    `node ${process.version} on ${os.platform()} ${os.arch()}; ${os.availableParallelism?.() ?? cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}); ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `command: node ${path.relative(process.cwd(), process.argv[1] ?? '')} ${process.argv.slice(2).join(' ')}`.trimEnd(),
    `load average at the start: ${loadAverage()} (the cores are shared with whatever else runs; see the figures in that light)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The 1, 5 and 15 minute load averages, "1.02 0.87 0.55". */
export function loadAverage() {
  return os.loadavg().map((load) => load.toFixed(2)).join(' ');
}

/**
 * Runs benchmarks with one MongoDB for all of them (started here if needed, stopped after), and a watchdog so a
 * hung run still ends: the benchmarks are bounded by their iteration counts, the watchdog only guards a bug.
 *
 * @param {Array<(env: { mongo: Awaited<ReturnType<typeof provideMongo>> | undefined }) => Promise<void>>} benches
 * @param {{ needsMongo: boolean, watchdogMs?: number }} options
 */
export async function runBenches(benches, { needsMongo, watchdogMs = 6 * 60_000 }) {
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: still running after ${watchdogMs / 1000} s; giving up\n`);
    process.exit(2);
  }, watchdogMs);
  watchdog.unref();
  printMachine();
  const mongo = needsMongo ? await provideMongo() : undefined;
  if (mongo?.uri !== undefined) process.stdout.write(`MongoDB: ${mongo.source}\n`);
  try {
    for (const bench of benches) await bench({ mongo });
  } finally {
    await mongo?.stop?.();
    clearTimeout(watchdog);
  }
}

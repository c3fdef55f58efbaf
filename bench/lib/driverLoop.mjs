// The MongoDB baseline of bench/server.mjs: the same read the API answers GET /enrollments/{id} from, made bare —
// `findOne({ _id })` on the enrollments collection with the MongoDB driver (the one mongoose brings, resolved from
// @flexroll/store-mongo) — on as many concurrent loops as the HTTP load has connections, in a process of its own.
//
// It reads one round per line of JSON on stdin — { uri, collection, id, connections, seconds } — and prints one line
// of JSON per round on stdout, in the load generator's shape: { requests, ok, non2xx (failed reads, and reads that
// found nothing), seconds, rps, p50, p99, mean, bytes: 0, latencies }. The client stays connected between rounds, as the
// server's does.
//
//   echo '{"uri":"mongodb://127.0.0.1:27017/db","collection":"enrollments","id":"…","connections":16,"seconds":3}' \
//     | node bench/lib/driverLoop.mjs
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const mongoose = createRequire(import.meta.resolve('@flexroll/store-mongo'))('mongoose');
const clients = new Map();

async function clientFor(uri) {
  if (!clients.has(uri)) clients.set(uri, await new mongoose.mongo.MongoClient(uri).connect());
  return clients.get(uri);
}

async function runRound({ uri, collection, id, connections, seconds }) {
  const enrollments = (await clientFor(uri)).db().collection(collection);
  const latencies = [];
  let failed = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  const loop = async () => {
    while (process.hrtime.bigint() < deadline) {
      const began = process.hrtime.bigint();
      try {
        const found = await enrollments.findOne({ _id: id });
        if (found === null) failed++;
        else latencies.push(Number(process.hrtime.bigint() - began) / 1e6);
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  const at = (q) => (sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]);
  const requests = sorted.length + failed;
  return {
    requests,
    ok: sorted.length,
    non2xx: failed,
    statusCodes: {},
    errors: 0,
    timeouts: 0,
    seconds: elapsed,
    rps: requests / elapsed,
    p50: at(0.5),
    p99: at(0.99),
    mean: sorted.length === 0 ? null : sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    bytes: 0,
    latencies: Array.from(latencies, (value) => Math.round(value * 1000) / 1000),
  };
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (line.trim() === '') continue;
  let answer;
  try {
    answer = await runRound(JSON.parse(line));
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
for (const client of clients.values()) await client.close();

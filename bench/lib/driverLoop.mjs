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
import { answerEachLine, latencySummary } from './jsonLinesAnswers.mjs';

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
  const requests = latencies.length + failed;
  return { requests, non2xx: failed, statusCodes: {}, errors: 0, timeouts: 0, seconds: elapsed, rps: requests / elapsed, ...latencySummary(latencies), bytes: 0 };
}

await answerEachLine(runRound);
for (const client of clients.values()) await client.close();

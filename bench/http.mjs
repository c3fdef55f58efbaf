// (d) HTTP: GET /enrollments/{id} through the real express app (createApp on the platform that openPlatform
// builds, embedded store) against the baseline of the same service call, EnrollmentService.get, made in-process.
// The difference is the HTTP layer: parsing, authentication (key hash lookup), the per-key rate limiter, ajv
// validation, rendering, the request log line (winston, to a discarded stream) and node's fetch on the client.
// Two floors put it in proportion: a bare node:http server answering a constant (fetch and loopback alone), and
// GET /healthz through the app (express and the request log line, without authentication or a service call).
//
// The server runs in a worker thread, the client (node's fetch, keep-alive) in the main thread: two event loops,
// two cores. Loopback only; a fixed number of requests, 16 in flight.
//
//   node bench/http.mjs        (after npm run build)
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { isMain, runBenches } from './lib/main.mjs';
import { compare, lanes } from './lib/measure.mjs';
import { printTable } from './lib/report.mjs';

const CONCURRENCY = 16;
const PLAN = { iterations: 3000, warmup: 300, rounds: 5 };

export async function http() {
  const worker = new Worker(new URL('./lib/httpServerWorker.mjs', import.meta.url));
  try {
    const [ready] = await once(worker, 'message');
    const base = `http://127.0.0.1:${ready.port}`;
    const headers = { authorization: `Bearer ${ready.secret}` };
    const inWorker = async (count, firstIndex) => {
      worker.postMessage({ type: 'run', count, firstIndex, concurrency: CONCURRENCY });
      const [{ sample }] = await once(worker, 'message');
      return sample;
    };
    const [inProcess, health, enrollment, bare] = await compare([
      inWorker,
      lanes(() => get(`${base}/healthz`, {}), CONCURRENCY),
      lanes(() => get(`${base}/enrollments/${ready.enrollmentId}`, headers), CONCURRENCY),
      lanes(() => get(`http://127.0.0.1:${ready.barePort}/`, {}), CONCURRENCY),
    ], PLAN);
    printTable('(d) HTTP: GET /enrollments/{id} on the embedded store', [
      { name: 'EnrollmentService.get in-process (no HTTP)', result: inProcess },
      { name: 'GET / on a bare node:http server (fetch + loopback floor)', result: bare },
      { name: 'GET /healthz through the app (+ express, request log)', result: health },
      { name: 'GET /enrollments/{id} through the app', result: enrollment },
    ], [
      `${CONCURRENCY} requests in flight; server in a worker thread, client (fetch) in the main thread; 127.0.0.1 only.`,
      `The four cases ran in ${PLAN.rounds} alternating rounds after a warm-up of ${PLAN.warmup} each.`,
    ]);
  } finally {
    worker.postMessage({ type: 'stop' });
    await Promise.race([once(worker, 'exit'), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await worker.terminate();
  }
}

/** A GET whose body is read in full; anything but 200 counts as a failure named by its status. */
async function get(url, headers) {
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (response.status !== 200) throw Object.assign(new Error(`HTTP ${response.status}`), { code: `http_${response.status}` });
}

if (isMain(import.meta.url)) await runBenches([http], { needsMongo: false });

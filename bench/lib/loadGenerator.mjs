// The load generator of bench/server.mjs, in a process of its own so that it never shares an event loop with the
// server it measures: autocannon, keep-alive connections, one request in flight per connection, a fixed window.
//
// It reads one round per line of JSON on stdin and prints one line of JSON per round on stdout, until stdin ends:
//
//   echo '{"url":"http://127.0.0.1:3000","connections":16,"seconds":3,"lanes":[[{"path":"/healthz"}]]}' \
//     | node bench/lib/loadGenerator.mjs
//
// A round: { url, connections, seconds, method = 'GET', headers = {}, timeoutSeconds = 30, lanes }.
// `lanes` is a list of lanes, each a list of targets { path, bodies?: string[], next?: number }; connection i works
// on lane i % lanes.length, cycling through its targets. A target with bodies sends bodies[next] and moves `next` on
// (round robin) only when the answer is 2xx, so that a refused write is sent again rather than skipped. Alternating
// writes (raise, clear) need a lane per connection, or two connections would race on one target.
//
// The window: each connection sends requests back to back for `seconds`, then waits for the answer to its last
// one and closes, so that no request is cut off: the server has finished with every write when the round returns,
// and the answer can say where each target's alternation stands. Every answer counts, and the rate is answers ÷ the
// time from the start to the last answer, which stays true for requests that take as long as the window itself
// (counting only answers that arrive within the window would undercount those by a latency's worth of ramp-up).
// `lost` lists the targets of requests whose answer never came (a dropped connection or a timeout: the server may
// or may not have applied them).
//
// The result: { requests, ok, non2xx, statusCodes, errors, timeouts, seconds, rps, p50, p99, mean, bytes,
// latencies (ms, of the 2xx answers), lanes: number[][] (each target's next), lost: [lane, target][] }.
import autocannon from 'autocannon';
import { answerEachLine, latencySummary } from './jsonLinesAnswers.mjs';

/** Runs one round and resolves with its result. */
export async function runRound(round) {
  const { url, connections, seconds, method = 'GET', headers = {}, timeoutSeconds = 30 } = round;
  const lanes = round.lanes.map((targets) => targets.map((target) => ({ ...target, next: target.next ?? 0 })));
  const writes = lanes.some((targets) => targets.some((target) => target.bodies !== undefined));
  if (writes && lanes.length < connections) throw new Error(`alternating writes need a lane per connection (${lanes.length} lanes, ${connections} connections)`);
  const clients = [];
  const latencies = [];
  const statusCodes = {};
  const lost = [];
  let bytes = 0;
  let started;
  let deadline;
  let lastAnswer;

  const setupClient = (client) => {
    const laneIndex = clients.length % lanes.length;
    const targets = lanes[laneIndex];
    const state = { laneIndex, position: 0, current: undefined, awaiting: false, finished: false };
    clients.push(state);
    client.setRequests([{
      method,
      headers: writes ? { ...headers, 'content-type': 'application/json' } : headers,
      path: targets[0].path,
      setupRequest: (request) => {
        if (state.finished) return request; // built after the connection closed; never sent
        if (state.awaiting) lost.push([laneIndex, targets.indexOf(state.current)]); // its answer never came
        const target = targets[state.position];
        state.position = (state.position + 1) % targets.length;
        state.current = target;
        state.awaiting = true;
        return { ...request, path: target.path, ...(target.bodies === undefined ? {} : { body: target.bodies[target.next] }) };
      },
    }]);
    client.on('response', (statusCode, resBytes, responseTime) => {
      lastAnswer = performance.now();
      state.awaiting = false;
      const ok = statusCode >= 200 && statusCode < 300;
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (ok) {
        latencies.push(responseTime);
        bytes += resBytes;
        if (state.current?.bodies !== undefined) state.current.next = (state.current.next + 1) % state.current.bodies.length;
      }
      if (lastAnswer > deadline) {
        // Past the window: close before autocannon sends the next request (it does so right after this event).
        state.finished = true;
        client.destroy();
      }
    });
  };

  started = performance.now();
  deadline = started + seconds * 1000;
  // autocannon's own duration is only a backstop; the round ends when every connection has closed after its last
  // answer, and autocannon notices that on its next sample tick (every 50 ms here).
  const instance = autocannon({ url, connections, duration: seconds + timeoutSeconds + 5, sampleInt: 50, pipelining: 1, timeout: timeoutSeconds, setupClient });
  const result = await instance;
  for (const state of clients) if (state.awaiting && !state.finished) lost.push([state.laneIndex, lanes[state.laneIndex].indexOf(state.current)]);

  const requests = Object.values(statusCodes).reduce((sum, n) => sum + n, 0);
  const elapsed = ((lastAnswer ?? performance.now()) - started) / 1000;
  const summary = latencySummary(latencies);
  return {
    requests,
    non2xx: requests - summary.ok,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: elapsed,
    rps: requests / elapsed,
    ...summary,
    bytes,
    lanes: lanes.map((targets) => targets.map((target) => target.next)),
    lost,
  };
}

await answerEachLine(runRound);

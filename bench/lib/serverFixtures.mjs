// What bench/server.mjs sets up before it measures, all of it through the real server's API with its secret key:
// a program instance, ACTIVE participations (about ten events each), long histories (a thousand events more), and
// the answers the bare baseline will replay.
import { bodyIndexFor, enrollmentBody, lengtheningRequests, pathToActive } from './requestBodies.mjs';

/** Calls on the real server with a workspace's secret key. */
export function apiClient(base, key) {
  const call = async (method, path, body) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const json = async (method, path, body) => {
    const answer = await call(method, path, body);
    if (answer.status < 200 || answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.bytes.toString('utf8').slice(0, 400)}`);
    return answer.bytes.length === 0 ? undefined : JSON.parse(answer.bytes.toString('utf8'));
  };
  return { base, key, call, json };
}

/** `fn(0 … count-1)` on `concurrency` lanes; the results in index order. */
export async function inLanes(count, concurrency, fn) {
  const results = new Array(count);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < count; index = next++) results[index] = await fn(index);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return results;
}

export async function createInstance(api, programId) {
  return (await api.json('POST', '/programInstances', { programId, name: 'Community Powershare 2025 (benchmark)' })).id;
}

/** A new enrollment (seed 004's Suzie with her own device), its participation driven to ACTIVE: 14 events. */
export async function activeParticipation(api, instanceId, serialNumber) {
  const created = await api.json('POST', `/programInstances/${instanceId}/enrollments`, enrollmentBody(serialNumber));
  let last;
  for (const [method, path, body] of pathToActive(created.id, created.participationId)) last = await api.json(method, path, body);
  if (last.current_state !== 'ACTIVE') throw new Error(`the path to ACTIVE ended in ${last.current_state}`);
  return { enrollmentId: created.id, participationId: created.participationId };
}

/** Raises and clears a suspension `pairs` times on an ACTIVE participation, through trigger calls. */
export async function lengthen(api, participationId, pairs) {
  for (const body of lengtheningRequests(pairs)) await api.json('POST', `/vpp-participations/${participationId}/triggers`, body);
}

/** How many events an enrollment has (its log's length). */
export async function eventCount(api, enrollmentId) {
  return (await api.json('GET', `/events?enrollmentId=${enrollmentId}&perPage=1`)).totalItems;
}

/** Which of the write bodies a participation takes next, from its current state on the server. */
export async function nextBodyIndex(api, participationId) {
  return bodyIndexFor((await api.json('GET', `/vpp-participations/${participationId}`)).current_state);
}

/**
 * The answers the bare baseline replays for one case: the real server's status, content type and bytes for the
 * request the case sends (a GET), or for each of its alternating bodies in turn (a write, sent on `target`, which
 * ends where it started).
 */
export async function captureAnswers(api, method, target) {
  if (target.bodies === undefined) {
    const answer = await api.call(method, target.path);
    return [capture(method, target.path, answer)];
  }
  const answers = [];
  for (let n = 0; n < target.bodies.length; n++) {
    const body = target.bodies[(target.next + n) % target.bodies.length];
    answers.push({ request: JSON.parse(body), ...capture(method, target.path, await api.call(method, target.path, body)) });
  }
  return answers.sort((a, b) => target.bodies.indexOf(JSON.stringify(a.request)) - target.bodies.indexOf(JSON.stringify(b.request)));
}

function capture(method, path, answer) {
  if (answer.status < 200 || answer.status >= 300) throw new Error(`capturing ${method} ${path}: the server answered ${answer.status}: ${answer.bytes.toString('utf8').slice(0, 400)}`);
  return { status: answer.status, contentType: answer.contentType, body: answer.bytes.toString('base64'), size: answer.bytes.length };
}

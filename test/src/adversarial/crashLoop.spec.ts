import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { SUZIE } from '../support/fixtures.js';
import { flexrollAdmin, ServeProcess } from '../support/ServeProcess.js';
import { freshDbName, STORES } from '../support/stores.js';
import { BUDGET, SEED, TIME_LIMIT_MS } from './budget.js';

const mongo = STORES.find((store) => store.name === 'mongodb')!;
const ADMIN = `fr_admin_${randomBytes(12).toString('hex')}`;
/** Short leases, so that the requests a kill cut off can be recovered right after the restart. */
const LEASE_MS = 1_000;

/** One write of a burst, and what its client saw. */
type Write =
  | { kind: 'create'; idempotencyKey: string; serialNumber: string; answer?: { status: number; id?: string } }
  | { kind: 'patch'; enrollmentId: string; tag: string; answer?: { status: number } };

/** A pseudo-random number generator from the run's seed, so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => ((state = (state * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
}

describe('Adversarial: the crash loop — kill -9 of a real `flexroll serve` on MongoDB mid-burst [mongodb store]', function () {
  this.timeout(TIME_LIMIT_MS);
  if (mongo.skipReason !== undefined) {
    it.skip(`skipped: ${mongo.skipReason}`, () => {});
    return;
  }
  let serve: ServeProcess | undefined;
  after(async () => serve?.kill9());

  it(`keeps every acknowledged write through ${BUDGET.crashCycles} kill -9s, and gives every interrupted create exactly one outcome (seed ${SEED})`, async () => {
    const url = new URL(mongo.uri()!);
    url.pathname = `/${freshDbName('crash')}`;
    const { MONGODB_URI: _uri, PORT: _port, ...rest } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...rest, MONGODB_URI: url.toString(), FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64'), FLEXROLL_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn',
      FLEXROLL_RATE_LIMIT_PER_MINUTE: '1000000', FLEXROLL_IDEMPOTENCY_LEASE_MS: String(LEASE_MS), FLEXROLL_DEVICE_CLAIM_LEASE_MS: String(LEASE_MS),
    };
    const workspace = await flexrollAdmin(env, 'workspace', 'create', 'Crash Utility');
    const key = (await flexrollAdmin(env, 'key', 'create', workspace.id, '--name', 'crash loop')).secret as string;
    serve = await ServeProcess.start(env);
    const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${serve!.base}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const program = await (await call('POST', '/programs', { name: 'Crash Powershare', provider: { providerDisplayName: 'Leap' } }, { authorization: `Bearer ${ADMIN}` })).json() as { id: string };
    const instance = await (await call('POST', '/programInstances', { programId: program.id, name: 'Crash 2025' })).json() as { id: string };
    const hot: string[] = [];
    for (let n = 0; n < 3; n++) hot.push(((await (await call('POST', `/programInstances/${instance.id}/enrollments`, { ...SUZIE, serialNumber: `SN-hot-${n}` })).json()) as { id: string }).id);

    const next = random(SEED);
    const writes: Write[] = [];
    const fivexx: string[] = [];
    for (let cycle = 0; cycle < BUDGET.crashCycles; cycle++) {
      const burst: Write[] = Array.from({ length: BUDGET.crashBurst }, (_, n) =>
        n % 3 === 2
          ? { kind: 'patch', enrollmentId: hot[n % hot.length]!, tag: `c${cycle}-w${n}` }
          : { kind: 'create', idempotencyKey: `crash-${cycle}-${n}`, serialNumber: `SN-crash-${cycle}-${n}` },
      );
      writes.push(...burst);
      // Eight clients at a time work through the burst; the server is killed once a random share of it has been
      // acknowledged, so that every kill finds writes done, writes in flight and writes not yet sent.
      const killAfter = 2 + Math.floor(next() * (burst.length / 2));
      let acknowledged = 0;
      let killed = false;
      let pending = 0;
      const send = async (write: Write): Promise<void> => {
        const response = write.kind === 'create'
          ? await call('POST', `/programInstances/${instance.id}/enrollments`, { ...SUZIE, serialNumber: write.serialNumber }, { 'idempotency-key': write.idempotencyKey })
          : await call('PATCH', `/enrollments/${write.enrollmentId}`, { tags: [write.tag] });
        const body = (await response.json().catch(() => ({}))) as { id?: string };
        if (response.status >= 500) fivexx.push(`${write.kind} → ${response.status} ${JSON.stringify(body)}`);
        write.answer = { status: response.status, ...(write.kind === 'create' && body.id !== undefined ? { id: body.id } : {}) };
        if (response.status < 300) acknowledged++;
      };
      const lanes = Array.from({ length: 8 }, async () => {
        while (!killed && pending < burst.length) {
          const write = burst[pending++]!;
          await send(write).catch(() => undefined); // cut off by the kill: no answer
        }
      });
      while (acknowledged < killAfter && lanes.length > 0 && pending < burst.length) await new Promise((resolve) => setTimeout(resolve, 5));
      killed = true;
      await serve.kill9();
      await Promise.all(lanes);
      serve = await ServeProcess.start(env);
      await verifyAcknowledged(writes, call);
    }

    const acknowledged = writes.filter((write) => write.answer !== undefined && write.answer.status < 300).length;
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
    let recovered = 0;
    for (const write of writes) {
      if (write.kind !== 'create' || write.answer?.status === 201) continue;
      let retry = await call('POST', `/programInstances/${instance.id}/enrollments`, { ...SUZIE, serialNumber: write.serialNumber }, { 'idempotency-key': write.idempotencyKey });
      for (let attempt = 0; retry.status === 409 && attempt < 10; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, Number(retry.headers.get('retry-after') ?? '1') * 1000));
        retry = await call('POST', `/programInstances/${instance.id}/enrollments`, { ...SUZIE, serialNumber: write.serialNumber }, { 'idempotency-key': write.idempotencyKey });
      }
      expect(retry.status, `the interrupted create of ${write.serialNumber}: ${await retry.clone().text()}`).to.equal(201);
      write.answer = { status: 201, id: ((await retry.json()) as { id: string }).id };
      recovered++;
    }
    const listed = await (await call('GET', `/programInstances/${instance.id}/enrollments?perPage=100`)).json() as { totalItems: number; data: Array<{ serialNumber: string }> };
    const all: string[] = [];
    for (let page = 1; page <= Math.ceil(listed.totalItems / 100); page++) {
      const chunk = await (await call('GET', `/programInstances/${instance.id}/enrollments?perPage=100&page=${page}`)).json() as { data: Array<{ serialNumber: string }> };
      all.push(...chunk.data.map((enrollment) => enrollment.serialNumber));
    }
    const duplicates = all.filter((serial, index) => all.indexOf(serial) !== index);
    const creates = writes.filter((write) => write.kind === 'create');
    process.stdout.write(
      `      adversarial crash loop [mongodb store, seed ${SEED}]: ${BUDGET.crashCycles} kill -9s, ${writes.length} writes, ${acknowledged} acknowledged, ` +
        `${recovered} interrupted creates recovered by their key, ${fivexx.length} 5xx, ${duplicates.length} duplicates, 0 lost\n`,
    );
    expect(fivexx, 'no 5xx').to.deep.equal([]);
    expect(duplicates, 'one enrollment per create, whatever the kills interrupted').to.deep.equal([]);
    expect(all.filter((serial) => serial.startsWith('SN-crash-'))).to.have.length(creates.length);
    await verifyAcknowledged(writes, call);
  });
});

/** Every create and change the client saw acknowledged is there: the enrollment, and the change in its log. */
async function verifyAcknowledged(writes: readonly Write[], call: (method: string, path: string) => Promise<Response>): Promise<void> {
  const tagsOf = new Map<string, Set<string>>();
  for (const write of writes) {
    if (write.answer === undefined || write.answer.status >= 300) continue;
    if (write.kind === 'create') {
      const read = await call('GET', `/enrollments/${write.answer.id}`);
      const body = (await read.json()) as { serialNumber?: string };
      expect([read.status, body.serialNumber], `acknowledged create ${write.serialNumber}`).to.deep.equal([200, write.serialNumber]);
      continue;
    }
    if (!tagsOf.has(write.enrollmentId)) tagsOf.set(write.enrollmentId, await loggedTags(write.enrollmentId, call));
    expect([...tagsOf.get(write.enrollmentId)!], `acknowledged change ${write.tag}`).to.include(write.tag);
  }
}

/** Every tag an enrollment's `enrollment.updated` events set, across the pages of its log. */
async function loggedTags(enrollmentId: string, call: (method: string, path: string) => Promise<Response>): Promise<Set<string>> {
  const tags = new Set<string>();
  for (let page = 1; ; page++) {
    const events = (await (await call('GET', `/events?enrollmentId=${enrollmentId}&type=enrollment.updated&perPage=100&page=${page}`)).json()) as {
      data: Array<{ data: { changes: { tags?: string[] } } }>;
      totalPages: number;
    };
    for (const event of events.data) for (const tag of event.data.changes.tags ?? []) tags.add(tag);
    if (page >= events.totalPages) return tags;
  }
}

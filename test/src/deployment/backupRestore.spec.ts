import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { call, createTenant, deploymentEnv, enrollmentBody } from '../support/deploymentTenant.js';
import { FLEXROLL_MAIN, ServeProcess } from '../support/ServeProcess.js';
import { freshDbName, STORES } from '../support/stores.js';
import { WebhookReceiver } from '../support/WebhookReceiver.js';

const mongo = STORES.find((store) => store.name === 'mongodb')!;
const execFileAsync = promisify(execFile);

/** Runs a tool; its own words on failure (mongorestore says what it could not do on stderr). */
async function run(command: string, args: string[]): Promise<string> {
  try {
    const { stderr } = await execFileAsync(command, args, { maxBuffer: 16 * 1024 * 1024 });
    return stderr;
  } catch (error) {
    throw new Error(`${path.basename(command)} failed: ${(error as { stderr?: string }).stderr ?? (error as Error).message}`, { cause: error });
  }
}

/** Builds mongodump/mongorestore with scripts/mongoTools.mjs when it can; the reason it cannot otherwise. */
async function mongoTools(): Promise<{ mongodump: string; mongorestore: string } | string> {
  // @ts-expect-error -- a plain ES module of the repository's scripts, without type declarations
  const { ensureMongoTools } = (await import('../../../scripts/mongoTools.mjs')) as { ensureMongoTools: (options: object) => Promise<{ mongodump: string; mongorestore: string }> };
  try {
    return await ensureMongoTools({ log: (line: string) => process.stdout.write(`      ${line}\n`) });
  } catch (error) {
    return (error as Error).message;
  }
}

/** Every GET route of the OpenAPI document whose path parameters we can fill, with each list walked in its first page of 100. */
async function everyRead(base: string, key: string, ids: Record<string, string>): Promise<Map<string, { status: number; body: unknown }>> {
  const document = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>> };
  const answers = new Map<string, { status: number; body: unknown }>();
  for (const [template, operations] of Object.entries(document.paths)) {
    const get = operations.get;
    if (get === undefined) continue;
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    if (names.some((name) => ids[name] === undefined)) continue;
    const filled = names.reduce((pathSoFar, name) => pathSoFar.replace(`{${name}}`, ids[name]!), template);
    const pages = (get.parameters ?? []).some((parameter) => parameter.in === 'query' && parameter.name === 'perPage') ? '?perPage=100' : '';
    const response = await call(base, key, 'GET', `${filled}${pages}`);
    const text = await response.text();
    const body = text === '' ? null : JSON.parse(text);
    // An error names the request that met it: the one thing that differs by design.
    if (body?.error?.requestId !== undefined) delete body.error.requestId;
    answers.set(`${filled}${pages}`, { status: response.status, body });
  }
  // One enrollment's log, and the event log walked by cursor, beside the page forms above.
  for (const extra of [`/events?enrollmentId=${ids.enrollmentId}&perPage=100`, '/events?limit=100']) {
    const response = await call(base, key, 'GET', extra);
    answers.set(extra, { status: response.status, body: await response.json() });
  }
  return answers;
}

describe('Backup and restore with mongodump and mongorestore, on FerretDB [mongodb store]', function () {
  this.timeout(300_000);
  if (mongo.skipReason !== undefined) {
    it.skip(`skipped: ${mongo.skipReason}`, () => {});
    return;
  }
  const servers: ServeProcess[] = [];
  let receiver: WebhookReceiver | undefined;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flexroll-backup-'));
  after(async () => {
    for (const server of servers) await server.kill9();
    await receiver?.down();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('round-trips a populated store through mongodump --archive and mongorestore --nsFrom/--nsTo, and every API read answers the same afterwards', async function () {
    const tools = await mongoTools();
    if (typeof tools === 'string') {
      process.stdout.write(`      skipped: mongodump and mongorestore cannot be built here: ${tools}\n`);
      return this.skip();
    }

    // A store with a bit of everything: workspace, keys, program, instance, enrollments with changes, a finished
    // bulk job, a webhook endpoint with delivered messages and their attempts.
    const source = freshDbName('backup');
    receiver = await WebhookReceiver.start();
    const env = deploymentEnv(mongo.uri()!, source, { FLEXROLL_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true', FLEXROLL_RATE_LIMIT_PER_MINUTE: '1000000', FLEXROLL_WEBHOOK_POLL_MS: '50' });
    const before = await ServeProcess.start(env);
    servers.push(before);
    const tenant = await createTenant(env, before.base, 'Backup Utility');
    const endpoint = (await (await call(before.base, tenant.key, 'POST', '/webhook-endpoints', { url: receiver.url, eventTypes: ['enrollment.created', 'enrollment.updated', 'enrollment.status_changed'] })).json()) as { id: string };
    const enrollments: Array<{ id: string }> = [];
    for (let n = 0; n < 12; n++) {
      const created = (await (await call(before.base, tenant.key, 'POST', `/programInstances/${tenant.instanceId}/enrollments`, enrollmentBody(`SN-backup-${n}`))).json()) as { id: string };
      await call(before.base, tenant.key, 'PATCH', `/enrollments/${created.id}`, { tags: [n % 2 === 0 ? 'even' : 'odd'] });
      enrollments.push(created);
    }
    const job = (await (await call(before.base, tenant.key, 'POST', `/programInstances/${tenant.instanceId}/bulk-actions`, { action: 'reject', reason: 'Backup test', where: { tags: ['odd'] } })).json()) as { id: string };
    const worker = spawn(process.execPath, [FLEXROLL_MAIN, 'worker', '--interval', '3600'], { env, stdio: 'ignore' });
    try {
      // The job ends, and every event of the endpoint's types is delivered (the log says how many there are).
      for (let waited = 0; ; waited++) {
        const state = (await (await call(before.base, tenant.key, 'GET', `/jobs/${job.id}`)).json()) as { status: string };
        const logged = (await (await call(before.base, tenant.key, 'GET', '/events?limit=100')).json()) as { data: Array<{ type: string }> };
        const owed = logged.data.filter((event) => ['enrollment.created', 'enrollment.updated', 'enrollment.status_changed'].includes(event.type)).length;
        if (['completed', 'failed'].includes(state.status) && receiver.received.length >= owed) break;
        if (waited > 600) throw new Error(`job ${state.status}, ${receiver.received.length} of ${owed} deliveries after 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Let the last attempts be recorded, then stop the worker the way systemd does.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      await exited;
    }
    const messages = (await (await call(before.base, tenant.key, 'GET', `/webhook-endpoints/${endpoint.id}/messages?perPage=1`)).json()) as { data: Array<{ id: string }> };
    const ids: Record<string, string> = {
      instanceId: tenant.instanceId, enrollmentId: enrollments[0]!.id, programId: '', endpointId: endpoint.id, jobId: job.id,
      messageId: messages.data[0]!.id, version: '1',
    };
    const instance = (await (await call(before.base, tenant.key, 'GET', `/programInstances/${tenant.instanceId}`)).json()) as { programId: string };
    ids.programId = instance.programId;
    const deadlines = (await (await call(before.base, tenant.key, 'GET', '/deadlines')).json()) as { data: Array<{ id: string; participationId: string }> };
    if (deadlines.data[0] !== undefined) Object.assign(ids, { deadlineId: deadlines.data[0].id, participation_id: deadlines.data[0].participationId });
    const expected = await everyRead(before.base, tenant.key, ids);
    await before.kill9();

    const archive = path.join(workDir, 'flexroll.archive.gz');
    const sourceUri = new URL(mongo.uri()!);
    sourceUri.pathname = `/${source}`;
    await run(tools.mongodump, [`--uri=${sourceUri.toString()}`, `--archive=${archive}`, '--gzip']);
    const target = freshDbName('restored');
    // --noIndexRestore: FerretDB v1 lists each index with a legacy `ns` option that its own createIndexes then
    // refuses ("Index option \"ns\" is unknown"). Flexroll builds every index it needs when it opens the store
    // (createMongoIndexes), so the restored store gets them from the first process started on it (docs/operations.md).
    // On MongoDB, mongorestore restores the indexes as they were; both ways end with the same indexes.
    await run(tools.mongorestore, [`--uri=${mongo.uri()!}`, `--archive=${archive}`, '--gzip', `--nsFrom=${source}.*`, `--nsTo=${target}.*`, '--noIndexRestore']);

    // The restored database, opened by a serve process with the same secret key and admin token.
    const targetUri = new URL(mongo.uri()!);
    targetUri.pathname = `/${target}`;
    const afterRestore = await ServeProcess.start({ ...env, MONGODB_URI: targetUri.toString() });
    servers.push(afterRestore);
    const actual = await everyRead(afterRestore.base, tenant.key, ids);
    const statuses = [...expected.entries()].map(([read, answer]) => `${read} ${answer.status}`);
    process.stdout.write(`      ${expected.size} reads compared after the restore (${fs.statSync(archive).size} bytes of archive): ${statuses.join(', ')}\n`);
    expect([...expected.values()].filter((answer) => answer.status === 200).length, 'the reads found what they read').to.be.greaterThan(15);
    for (const [read, answer] of expected) expect(actual.get(read), read).to.deep.equal(answer);
  });
});

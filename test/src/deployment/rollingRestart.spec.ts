import { expect } from 'chai';
import { call, createTenant, deploymentEnv, enrollmentBody, type Tenant } from '../support/deploymentTenant.js';
import { Deployment, haproxySkipReason } from '../support/Deployment.js';
import { freshDbName, STORES } from '../support/stores.js';

const mongo = STORES.find((store) => store.name === 'mongodb')!;
const LANES = 6;

/** What one client saw: every status, and every answer that was an error (anything but 2xx and 429). */
interface Seen {
  requests: number;
  statuses: Map<number, number>;
  errors: string[];
}

/** One client in a loop until `stop()`: create (with an Idempotency-Key), read, change, list — writes and reads. */
async function lane(base: string, tenant: Tenant, laneNo: number, seen: Seen, stopped: () => boolean): Promise<void> {
  const record = async (what: string, answer: Promise<Response>): Promise<Response | undefined> => {
    seen.requests++;
    try {
      const response = await answer;
      seen.statuses.set(response.status, (seen.statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 300 && response.status !== 429) seen.errors.push(`${what} → ${response.status} ${await response.text()}`);
      return response;
    } catch (error) {
      const cause = (error as { cause?: { message?: string; code?: string } }).cause;
      seen.errors.push(`${what} → ${(error as Error).message} ${cause?.code ?? ''} ${cause?.message ?? ''}`);
      return undefined;
    }
  };
  for (let n = 0; !stopped(); n++) {
    const serial = `SN-roll-${laneNo}-${n}`;
    const created = await record(`create ${serial}`, call(base, tenant.key, 'POST', `/programInstances/${tenant.instanceId}/enrollments`, enrollmentBody(serial), { 'idempotency-key': serial }));
    if (created?.status !== 201) continue;
    const { id } = (await created.json()) as { id: string };
    await record(`read ${id}`, call(base, tenant.key, 'GET', `/enrollments/${id}`));
    await record(`change ${id}`, call(base, tenant.key, 'PATCH', `/enrollments/${id}`, { tags: [`lane-${laneNo}`] }));
    await record('list', call(base, tenant.key, 'GET', `/programInstances/${tenant.instanceId}/enrollments?perPage=10`));
  }
}

describe('Deployment: a rolling restart of three `flexroll serve` behind HAProxy, under load [mongodb store]', function () {
  this.timeout(300_000);
  const skip = mongo.skipReason ?? haproxySkipReason();
  if (skip !== undefined) {
    it.skip(`skipped: ${skip}`, () => {});
    return;
  }
  let deployment: Deployment | undefined;
  after(async () => deployment?.stop());

  it('gives the clients no error other than 429 while each serve process in turn gets SIGTERM, exits 0 and comes back', async () => {
    const env = deploymentEnv(mongo.uri()!, freshDbName('rolling'), { FLEXROLL_RATE_LIMIT_PER_MINUTE: '1000000' });
    deployment = await Deployment.start(env, ['serve1', 'serve2', 'serve3']);
    const tenant = await createTenant(env, deployment.base, 'Rolling Utility');

    const seen: Seen = { requests: 0, statuses: new Map(), errors: [] };
    let stop = false;
    const lanes = Array.from({ length: LANES }, (_, n) => lane(deployment!.base, tenant, n, seen, () => stop));
    const exits: Record<string, number | null> = {};
    const during: Record<string, number> = {};
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (const name of ['serve1', 'serve2', 'serve3']) {
        const before = seen.requests;
        exits[name] = await deployment.terminate(name);
        await deployment.startProcess(name);
        await deployment.waitInRotation(name);
        during[name] = seen.requests - before;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      stop = true;
      await Promise.all(lanes);
    }
    process.stdout.write(
      `      rolling restart: ${seen.requests} requests from ${LANES} clients (${JSON.stringify(during)} while each restarted), ` +
        `statuses ${JSON.stringify(Object.fromEntries(seen.statuses))}, ${seen.errors.length} errors\n`,
    );
    expect(exits, 'every serve process exits 0 on SIGTERM').to.deep.equal({ serve1: 0, serve2: 0, serve3: 0 });
    expect(seen.errors, 'no answer but 2xx and 429, no connection cut').to.deep.equal([]);
    for (const name of Object.keys(during)) expect(during[name], `requests while ${name} restarted`).to.be.greaterThan(0);
  });
});

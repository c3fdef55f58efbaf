import { expect } from 'chai';
import { call, createTenant, deploymentEnv } from '../support/deploymentTenant.js';
import { Deployment, haproxySkipReason } from '../support/Deployment.js';
import { flexrollAdmin } from '../support/ServeProcess.js';
import { freshDbName, STORES } from '../support/stores.js';
import { measureRateLimit, RATE_LIMIT_PER_MINUTE } from '../support/rateLimitProbe.js';

const mongo = STORES.find((store) => store.name === 'mongodb')!;
const WINDOW_SECONDS = 10;

describe('Deployment: the per-key rate limit, counted across three `flexroll serve` behind HAProxy [mongodb store]', function () {
  this.timeout(300_000);
  const skip = mongo.skipReason ?? haproxySkipReason();
  if (skip !== undefined) {
    it.skip(`skipped: ${skip}`, () => {});
    return;
  }
  let deployment: Deployment | undefined;
  after(async () => deployment?.stop());

  it(`allows between 570 and 660 requests in one window to a key limited to ${RATE_LIMIT_PER_MINUTE} per window, through HAProxy, not three times as many`, async () => {
    // A 10 s window (FLEXROLL_RATE_LIMIT_WINDOW_SECONDS) with the per-minute figure as its limit: the same counting as
    // a minute's, measured in a sixth of the time.
    const env = deploymentEnv(mongo.uri()!, freshDbName('ratelimit'), { FLEXROLL_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE), FLEXROLL_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS) });
    deployment = await Deployment.start(env, ['serve1', 'serve2', 'serve3']);
    const tenant = await createTenant(env, deployment.base, 'Limited Utility');
    // A key of its own, used by nothing else.
    const fresh = (await flexrollAdmin(env, 'key', 'create', tenant.workspaceId, '--name', 'measured')).secret as string;
    const probe = () => call(deployment!.base, fresh, 'GET', `/programInstances/${tenant.instanceId}`);
    const result = await measureRateLimit(probe, { lanes: 16, windowSeconds: WINDOW_SECONDS });
    process.stdout.write(`      rate limit across 3 processes behind HAProxy, ${WINDOW_SECONDS} s window: ${result.allowed} allowed, ${result.limited} limited (429), ${result.other} other, in ${result.seconds.toFixed(1)} s\n`);
    expect(result.other, 'nothing but 200 and 429').to.equal(0);
    expect(result.allowed).to.be.within(570, 660);
  });
});

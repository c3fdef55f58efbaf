import { expect } from 'chai';
import { ALL_ROUTES } from '@flexroll/api';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { buildWorld } from '../support/World.js';
import { BUDGET, SEED, TIME_LIMIT_MS } from './budget.js';
import { corpusFor, type Fixtures } from './generate.js';
import { errorLines, prototypeSnapshot, sendAll } from './sendAll.js';
import { Tally } from './Tally.js';

describeOnEachStore('Adversarial: a generated corpus of bad requests for every route', (store) => {
  let server: TestServer;
  let fixtures: Fixtures;
  before(async function () {
    this.timeout(120_000);
    server = await TestServer.start(store, { rateLimitPerMinute: 10_000_000, failedAuthPerMinute: 10_000_000 });
    const own = await buildWorld(server, 'Leap Energy');
    const foreign = await buildWorld(server, 'Other Utility');
    const idsOf = (world: typeof own) => ({ programId: world.programId, instanceId: world.instanceId, enrollmentId: world.enrollmentId, participation_id: world.participationId, keyId: world.keyId });
    fixtures = { ids: idsOf(own), foreignIds: idsOf(foreign), key: own.key, foreignKey: foreign.key, adminToken: ADMIN_TOKEN };
  });
  after(async () => server?.stop());

  it(`answers every one with a 2xx or a 4xx in the one error shape, matching the contract, polluting nothing (seed ${SEED})`, async function () {
    this.timeout(TIME_LIMIT_MS);
    const total = BUDGET.corpus[store.name];
    const perRoute = Math.ceil(total / ALL_ROUTES.length);
    const tally = new Tally(`corpus [${store.name} store, seed ${SEED}]`);
    const before = prototypeSnapshot();
    for (const [index, route] of ALL_ROUTES.entries()) await sendAll(server, corpusFor(route, fixtures, perRoute, SEED + index), tally);
    tally.print(`; ${ALL_ROUTES.length} routes`);
    expect(tally.failures.slice(0, 20), `${tally.failures.length} failures`).to.deep.equal([]);
    expect(server.contract.violations.slice(0, 20), 'responses match the OpenAPI contract').to.deep.equal([]);
    expect(prototypeSnapshot(), 'Object.prototype is untouched').to.equal(before);
    expect(errorLines(server).slice(0, 5), 'nothing was logged as an error').to.deep.equal([]);
    expect(tally.sent).to.be.at.least(total);
  });
});

import { expect } from 'chai';
import { haproxySkipReason } from '../support/Deployment.js';
import { describeSoak, runDeploymentSoak } from '../support/deploymentSoak.js';
import { STORES } from '../support/stores.js';
import { LONG, SEED, TIME_LIMIT_MS } from './budget.js';

const mongo = STORES.find((store) => store.name === 'mongodb')!;

// The one-minute version of `npm run bench`'s ten-minute soak (bench/soak.mjs): only with the long budget
// (`npm run test:adversarial`), since a minute of five processes and HAProxy is more than `npm test` should spend.
describe('Adversarial: a deployment of 3 serve + 2 worker behind HAProxy, a random process killed -9 every 10 s, for a minute [mongodb store]', function () {
  this.timeout(TIME_LIMIT_MS);
  const skip = !LONG ? 'runs with FLEXROLL_ADVERSARIAL=long (npm run test:adversarial)' : (mongo.skipReason ?? haproxySkipReason());
  if (skip !== undefined) {
    it.skip(`skipped: ${skip}`, () => {});
    return;
  }

  it(`loses no acknowledged write, enrolls no device twice, delivers every webhook event in order, runs each import and bulk row once, announces each deadline once (seed ${SEED})`, async () => {
    const started = Date.now();
    const report = await runDeploymentSoak({ mongoUri: mongo.uri()!, durationMs: 65_000, killEveryMs: 10_000, workspaces: 3, seed: SEED, rateWindowSeconds: 10, log: (line) => process.stdout.write(`      ${line}\n`) });
    process.stdout.write(`${describeSoak(report, (Date.now() - started) / 1000).replace(/^/gm, '      ')}\n`);
    expect(report.acknowledgedCreates, 'the clients got writes through').to.be.greaterThan(0);
    expect(report.acknowledgedWritesLost).to.deep.equal([]);
    expect(report.duplicateDevices).to.deep.equal([]);
    expect(report.webhookProblems).to.deep.equal([]);
    // The duplicate checks ran on real rows: the imports created and the bulk rejects moved enrollments while workers
    // were killed, and the sweep announced the 20 s deadlines of the devices enrolled.
    expect(report.jobRows, 'rows the jobs did, each checked in the log').to.be.greaterThan(0);
    expect(report.jobProblems).to.deep.equal([]);
    expect(report.jobCountProblems, 'each job counts every row it did as done, once').to.deep.equal([]);
    expect(report.deadlineEventsByType['participation.deadline_due_soon'] ?? 0, 'due-soon announcements checked').to.be.greaterThan(0);
    expect(report.deadlineEventsByType['participation.deadline_missed'] ?? 0, 'missed announcements checked').to.be.greaterThan(0);
    expect(report.deadlineEventsTwice).to.deep.equal([]);
    expect(report.rateLimitMinutes.length, 'whole windows measured').to.be.greaterThan(0);
    // Never more than the limit allows; and once the limiter refused (a 429), at least 570 had been let through. A
    // window in which the probe got no 429 never reached the limit (processes down, a loaded machine): it says
    // nothing about the lower bound.
    for (const window of report.rateLimitMinutes) {
      expect(window.allowed, 'allowed in one window to a key limited to 600 per window').to.be.at.most(660);
      if (window.limited > 0) expect(window.allowed, 'allowed in a window where the limiter refused').to.be.at.least(570);
    }
  });
});

import { expect } from 'chai';
import { COMMUNITY_POWERSHARE } from '../support/fixtures.js';
import { ADMIN_TOKEN, TestServer } from '../support/TestServer.js';
import { jobFinished } from '../support/jobFinished.js';
import { describeOnEachStore } from '../support/stores.js';
import { LONG, TIME_LIMIT_MS } from './budget.js';

/** How hard workspace A pushes: rows imported, and heavy list requests in flight at once, in waves. */
const FLOOD = LONG ? { rows: 20_000, lists: 10, waves: 6 } : { rows: 2_000, lists: 10, waves: 2 };

const PERSON = { identificationType: 'customerInfo', firstName: 'Cand', lastName: 'Idate', address: { streetOne: '1 Main St', city: 'New York', state: 'NY', postalCode: '10001', country: 'USA' } };
const ndjson = (count: number) =>
  `${Array.from({ length: count }, (_, n) => JSON.stringify({ ...PERSON, referenceId: `NN-${n + 1}`, email: `nn${n + 1}@example.com` })).join('\n')}\n`;

/** A heavy read of A's: the largest pages of its event log and its enrollments, walked from the newest. */
const heavyLists = (instance: string) =>
  ['/events?perPage=100', '/events?perPage=1', '/events?limit=100', `/programInstances/${instance}/enrollments?perPage=100`, `/programInstances/${instance}/enrollments?perPage=100&status=candidate`];

/**
 * Issue 18, defect 3: workspace A imports a large file and keeps ten heavy lists in flight while workspace B reads
 * one enrollment. With the process's default shares (ADR 0020: 8 requests, 2 list reads per workspace), every one of
 * A's answers is a page or a refusal that says when to come back, and B is never refused for A's load. Times are
 * not asserted (bench/noisyNeighbour.mjs measures them); what the case pins is who gets which answer.
 */
describeOnEachStore('Adversarial: a noisy neighbour — one workspace floods imports and heavy lists', (store) => {
  let server: TestServer;
  before(async function () {
    this.timeout(TIME_LIMIT_MS);
    server = await TestServer.start(store, {
      jobs: true, rateLimitPerMinute: 1_000_000, workspaceConcurrentRequests: 8, workspaceConcurrentListReads: 2, workspaceQueueWaitMs: 1_000,
    });
  });
  after(async () => server?.stop());

  it(`answers A's ${FLOOD.waves} waves of ${FLOOD.lists} heavy lists during a ${FLOOD.rows}-row import with a page or a 429/503 carrying Retry-After, and refuses B nothing`, async function () {
    this.timeout(TIME_LIMIT_MS);
    const a = await server.workspace('Workspace A');
    const b = await server.workspace('Workspace B');
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    const instanceOf = async (key: string) => (await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025' } })).body.id as string;
    const [instanceA, instanceB] = [await instanceOf(a.key), await instanceOf(b.key)];
    const suzie = await server.post(`/programInstances/${instanceB}/enrollments`, {
      key: b.key, body: { ...PERSON, referenceId: 'B-1', email: 'b1@example.com' },
    });
    expect(suzie.status).to.equal(201);

    const imported = await fetch(`${server.base}/programInstances/${instanceA}/imports`, {
      method: 'POST', body: ndjson(FLOOD.rows), headers: { authorization: `Bearer ${a.key}`, 'content-type': 'application/x-ndjson' },
    });
    expect(imported.status, 'the import is taken').to.equal(202);
    const job = (await imported.json()) as { id: string };

    const unexpected: string[] = [];
    let refusedA = 0;
    let answeredA = 0;
    const neighbour: number[] = [];
    let flooding = true;
    // B keeps reading its one enrollment for as long as A floods.
    const readingB = (async () => {
      while (flooding) {
        const answer = await server.get(`/enrollments/${suzie.body.id}`, { key: b.key });
        neighbour.push(answer.status);
      }
    })();
    for (let wave = 0; wave < FLOOD.waves; wave++) {
      const answers = await Promise.all(Array.from({ length: FLOOD.lists }, (_, n) => server.get(heavyLists(instanceA)[(wave + n) % 5]!, { key: a.key })));
      for (const answer of answers) {
        if (answer.status === 200) answeredA++;
        else if ((answer.status === 429 || answer.status === 503) && Number(answer.headers.get('retry-after')) >= 1) refusedA++;
        else unexpected.push(`${answer.status} ${JSON.stringify(answer.body)}`);
      }
    }
    const { status } = await jobFinished(server, a.key, job.id, 24_000); // up to 10 min: the long budget's 20,000 rows on a busy machine
    flooding = false;
    await readingB;

    expect(unexpected, "A's every answer is a page, or a refusal with Retry-After").to.deep.equal([]);
    expect(answeredA, 'A is throttled, not shut out').to.be.greaterThan(0);
    expect(refusedA + answeredA).to.equal(FLOOD.waves * FLOOD.lists);
    expect(status, "A's import still completes").to.equal('completed');
    expect(neighbour.length, 'B was served throughout').to.be.greaterThan(0);
    expect([...new Set(neighbour)], "B's every read is answered, none refused for A's load").to.deep.equal([200]);
    expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]);
  });
});

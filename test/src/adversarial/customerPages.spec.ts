import { expect } from 'chai';
import fc from 'fast-check';
import { PageClient, sealedState, statusPath } from '../support/PageClient.js';
import { TestServer } from '../support/TestServer.js';
import { describeOnEachStore } from '../support/stores.js';
import { DETAILS, DEVICE, instanceWithPage } from '../selfEnrollment/pageFixtures.js';

/** What a customer page may answer to anything at all: never a 5xx, always HTML under the pages' policy. */
const ACCEPTED = [200, 303, 400, 403, 404, 409, 410, 413, 415, 422, 429];

// The public routes of issue 22 in the adversarial suite: a generated corpus, a flood, CSRF, and another instance's link.
describeOnEachStore('Adversarial: the customer pages', (store) => {
  let server: TestServer;
  before(async () => {
    server = await TestServer.start(store, { customerPages: { minSubmitMs: 0, perAddressPerMinute: 100_000 } });
  });
  after(async () => server?.stop());

  it('answers a generated corpus of form posts with a page, never a stack or a 5xx', async function () {
    this.timeout(120_000);
    const { slug } = await instanceWithPage(server);
    const client = new PageClient(server.base);
    const first = await client.get(`/enroll/${slug}`);
    const state = sealedState(first.html);
    const field = fc.constantFrom('formState', 'action', 'website', 'firstName', 'email', 'postalCode', 'manufacturer', 'serialNumber', 'consent', '__proto__', 'constructor', 'state[x]');
    const value = fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom(state, 'submit', 'back', 'lead', 'continue', 'yes', '\u0000', '<script>alert(1)</script>', '%', 'a'.repeat(5_000)));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(field, value), { maxLength: 20 }), fc.constantFrom(slug, 'no-such', '..', '%00'), async (pairs, target) => {
        const body = new URLSearchParams(pairs).toString();
        const answer = await client.post(`/enroll/${encodeURIComponent(target)}`, Object.fromEntries(new URLSearchParams(body)));
        expect(ACCEPTED, `${answer.status} for ${body.slice(0, 200)}`).to.include(answer.status);
        expect(answer.html).not.to.match(/\bat .*\.js:\d+|<script/);
      }),
      { numRuns: 150 },
    );
    for (const [type, raw] of [['application/json', '{"firstName":"x"}'], ['text/plain', 'x=1'], ['application/x-www-form-urlencoded', 'x='.repeat(30_000)]] as const) {
      const response = await fetch(`${server.base}/enroll/${slug}`, { method: 'POST', headers: { 'content-type': type }, body: raw });
      expect(ACCEPTED, `${type}`).to.include(response.status);
      expect(response.headers.get('content-type')).to.match(/^text\/html/);
    }
  });

  it('floods one address: exactly its limit is served, the rest get 429', async () => {
    const flooded = await TestServer.start(store, { customerPages: { minSubmitMs: 0, perAddressPerMinute: 20 } });
    try {
      const { slug } = await instanceWithPage(flooded);
      const statuses = await Promise.all(Array.from({ length: 40 }, () => new PageClient(flooded.base).get(`/enroll/${slug}`).then((answer) => answer.status)));
      expect(statuses.filter((status) => status === 200)).to.have.length(20);
      expect(statuses.filter((status) => status === 429)).to.have.length(20);
    } finally {
      await flooded.stop();
    }
  });

  it('refuses every form post without the CSRF value, and a status link’s form used on another link', async () => {
    const first = await instanceWithPage(server);
    const second = await instanceWithPage(server);
    const links: string[] = [];
    const clients: PageClient[] = [];
    for (const { slug } of [first, second]) {
      const client = new PageClient(server.base);
      const opened = await client.get(`/enroll/${slug}`);
      const device = await client.post(`/enroll/${slug}`, { formState: sealedState(opened.html), action: 'continue', ...DETAILS });
      const consent = await client.post(`/enroll/${slug}`, { formState: sealedState(device.html), action: 'continue', ...DEVICE, serialNumber: `SN-${slug}` });
      const done = await client.post(`/enroll/${slug}`, { formState: sealedState(consent.html), action: 'submit', consent: 'yes' });
      links.push(statusPath(done.html));
      clients.push(client);
    }
    // New terms, so the first link's page has a form (consent again) whose sealed state the attacks reuse.
    await server.request('PUT', `/programInstances/${first.instanceId}/enrollment-page`, { key: first.key, body: { ...first.page, terms: { version: '2025-09', text: 'New.' } } });
    const page = await clients[0]!.get(links[0]!);
    const formState = sealedState(page.html);
    // Another instance's link with this page's form: the form is bound to its own link.
    expect((await clients[0]!.post(`${links[1]}/consent`, { formState, version: '2025-09', consent: 'yes' })).status).to.equal(403);
    expect((await clients[0]!.post(`${links[1]}/leave`, { formState, reason: 'x' })).status).to.equal(403);
    // No cookie (another site's post), or no state at all.
    expect((await new PageClient(server.base).post(`${links[0]}/leave`, { formState, reason: 'x' })).status).to.equal(403);
    expect((await clients[0]!.post(`${links[0]}/leave`, { reason: 'x' })).status).to.equal(403);
    // A link of the right shape that was never issued, and one cut short, lead nowhere.
    expect((await clients[0]!.get(`${links[0]!.slice(0, -1)}A`)).status).to.be.oneOf([200, 404]);
    expect((await clients[0]!.get(links[0]!.slice(0, -3))).status).to.equal(404);
  });
});

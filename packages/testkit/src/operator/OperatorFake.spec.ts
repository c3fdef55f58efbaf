import 'reflect-metadata';
import { expect } from 'chai';
import { SUZIE_CUSTOMER_INFO, type CallContext, type ProgramInstance } from '@flexroll/core';
import { defineAdapter, SDK_VERSION, statusForParticipationState, triggerForStatusMove, Type, type AdapterContext, type AdapterManifest } from '@flexroll/sdk';
import { adapterTestContext } from '../adapterTestContext.js';
import { KitHarness } from '../KitHarness.js';
import { runAdapterScenarios } from '../runAdapterScenarios.js';
import { OperatorFake } from './OperatorFake.js';
import { withoutRealHosts } from './withoutRealHosts.js';

const API = 'https://api.acme-oauth.test';
const CLIENT = { clientId: 'flexroll', clientSecret: 'acme-client-secret-0001' };
const CONFIG = { apiBaseUrl: API, ...CLIENT };

const configSchema = Type.Object(
  { apiBaseUrl: Type.String({ format: 'uri' }), clientId: Type.String(), clientSecret: Type.String({ minLength: 8, 'x-secret': true }) },
  { additionalProperties: false },
);
const manifest: AdapterManifest<typeof configSchema> = {
  id: 'acme-oauth', name: 'Acme (OAuth)', version: '0.1.0', sdkVersion: `^${SDK_VERSION}`,
  configSchema, capabilities: { meterAccess: 'optional', drivenTriggers: [] }, operatorEvents: {},
};
const TokenAnswer = Type.Object({ access_token: Type.String(), expires_in: Type.Number() });

/** An operator client as an author writes one: OAuth 2.0 client credentials (form-encoded), then a site per move. */
function sites(context: AdapterContext<typeof CONFIG, 'http'>) {
  return context.http.client({
    baseUrl: context.config.apiBaseUrl,
    login: async (plain, signal) => {
      const { body } = await plain.request({
        method: 'POST', path: '/oauth/token', signal, idempotent: true, schema: TokenAnswer,
        form: { grant_type: 'client_credentials', client_id: context.config.clientId, client_secret: context.config.clientSecret },
      });
      return { token: body.access_token, expiresAt: new Date(context.now.getTime() + body.expires_in * 1000) };
    },
  });
}

const adapter = defineAdapter({
  manifest,
  needs: ['http'],
  triggerForStatusMove: ({ from, to, participation }) => triggerForStatusMove(from, to, participation.state),
  statusForParticipation: (move) => statusForParticipationState(move.to.state, move.from.state, move.currentStatus),
  onParticipationChanged: async (move, participation, context) => {
    await sites(context).request({ method: 'POST', path: '/sites', json: { participationId: participation.id, state: move.to.state } });
  },
});

describe(OperatorFake.name, function () {
  this.timeout(20_000);

  it('issues 60 s tokens on the kit’s clock: five calls in 40 s share one, a call at 55 s gets a new one', async () => {
    const harness = new KitHarness(adapter);
    const operator = new OperatorFake(API, { clock: harness.clock }).issuesTokens({ ...CLIENT, lifetimeSeconds: 60 }).answer('GET', '/ping', { status: 200, body: { ok: true } });
    try {
      await withoutRealHosts(async () => {
        const context = adapterTestContext(adapter, CONFIG, { clock: harness.clock });
        for (const seconds of [0, 10, 10, 10, 10]) {
          harness.clock.advance(seconds * 1000);
          await sites({ ...context, now: harness.clock.now() }).request({ path: '/ping' });
        }
        expect(operator.tokensIssued).to.equal(1);
        harness.clock.advance(15_000);
        await sites({ ...context, now: harness.clock.now() }).request({ path: '/ping' });
      });
      expect([operator.tokensIssued, operator.requestsTo('GET', '/ping').map((request) => request.headers.authorization)])
        .to.deep.equal([2, [...Array<string>(5).fill('Bearer fake-token-1'), 'Bearer fake-token-2']]);
      expect(operator.requestsTo('POST', '/oauth/token')[0]?.body).to.deep.equal({ grant_type: 'client_credentials', client_id: 'flexroll', client_secret: CLIENT.clientSecret });
      operator.done();
    } finally {
      operator.stop();
    }
  });

  it('lets the outbox follow the operator: a 429 with Retry-After 30 is retried 30 s later, with the item’s Idempotency-Key both times', async () => {
    const harness = new KitHarness(adapter);
    const operator = new OperatorFake(API, { clock: harness.clock })
      .issuesTokens({ ...CLIENT, lifetimeSeconds: 60 })
      .rateLimit('POST', '/sites', 30)
      .answer('POST', '/sites', { status: 201, body: { id: 'site_1' } });
    try {
      await withoutRealHosts(async () => {
        const { context, instance } = await tenant(harness);
        const enrollment = await harness.enrollments.create(context, instance.id, SUZIE_CUSTOMER_INFO);
        await harness.participations.trigger(context, enrollment.participation!.id, { trigger: 'consent_requested' });
        await harness.outbox.drain();
        expect(operator.requestsTo('POST', '/sites').map((request) => request.at.toISOString())).to.have.length(1);
        harness.clock.advance(29_000);
        await harness.outbox.drain();
        expect(operator.requestsTo('POST', '/sites')).to.have.length(1);
        harness.clock.advance(1_000);
        await harness.outbox.drain();
      });
      const posts = operator.requestsTo('POST', '/sites');
      expect(posts.map((request) => [request.at.getTime() - posts[0]!.at.getTime(), request.headers.authorization])).to.deep.equal([[0, 'Bearer fake-token-1'], [30_000, 'Bearer fake-token-1']]);
      expect(new Set(posts.map((request) => request.headers['idempotency-key'])).size).to.equal(1);
      expect(posts[0]!.headers['idempotency-key']).to.match(/^obx_/);
      operator.done();
    } finally {
      operator.stop();
    }
  });

  it('names a request it has no answer for, and an answer never asked for', async () => {
    const operator = new OperatorFake(API).answerOnce('DELETE', '/sites/site_1', { status: 204 });
    try {
      const answer = await withoutRealHosts(() => fetch(`${API}/devices`));
      expect(answer.status).to.equal(501);
      expect(() => operator.done()).to.throw('The operator fake at https://api.acme-oauth.test saw requests it had no answer for: GET /devices; answers never asked for: 1 × DELETE /sites/site_1.');
    } finally {
      operator.stop();
    }
  });

  it('is the conformance scenarios’ operator: with it they pass; without it no real host is reached and the adapter’s calls fail', async () => {
    const fake = () => new OperatorFake(API).issuesTokens(CLIENT).answer('POST', '/sites', { status: 201, body: { id: 'site_1' } });
    const answered = await runAdapterScenarios(adapter, { config: CONFIG, operator: fake });
    expect(answered.filter((report) => !report.passed)).to.deep.equal([]);
    const unanswered = await runAdapterScenarios(adapter, { config: CONFIG });
    const failure = unanswered.find((report) => !report.passed)?.failure ?? '';
    expect(failure).to.match(/acme-oauth POST \/oauth\/token could not be reached \(attempt 3\): Nock: (No match|Disallowed net connect)/);
  });
});

async function tenant(harness: KitHarness): Promise<{ context: CallContext; instance: ProgramInstance }> {
  const workspace = await harness.workspaces.create('Operator fake');
  const context: CallContext = { workspaceId: workspace.id, actor: { type: 'api_key', id: 'key_fake' }, source: 'testkit', liveMode: false };
  const program = await harness.programs.create({ name: 'Community Powershare', provider: { providerDisplayName: 'Leap' } });
  const instance = await harness.instances.create(context, { programId: program.id, name: 'Fake operator instance', adapter: { adapterId: manifest.id, config: CONFIG } });
  return { context, instance };
}


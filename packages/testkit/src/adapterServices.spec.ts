import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { SUZIE_CUSTOMER_INFO, type CallContext, type CoreLogger, type ProgramInstance } from '@flexroll/core';
import { defineAdapter, SDK_VERSION, statusForParticipationState, triggerForStatusMove, Type, type AccessToken, type AdapterManifest } from '@flexroll/sdk';
import { KitHarness } from './KitHarness.js';

const SECRET = 'acme-secret-token-0001';

const configSchema = Type.Object(
  {
    apiBaseUrl: Type.String({ format: 'uri' }),
    apiToken: Type.String({ minLength: 8, 'x-secret': true }),
    region: Type.Optional(Type.String({ default: 'eu' })),
  },
  { additionalProperties: false },
);

const manifest: AdapterManifest<typeof configSchema> = {
  id: 'acme-services', name: 'Acme (services)', version: '0.1.0', sdkVersion: `^${SDK_VERSION}`,
  configSchema, capabilities: { meterAccess: 'optional', drivenTriggers: [] }, operatorEvents: {},
};

/** The operator: logins and pings as they reach it, each with the bearer it carried. */
interface Operator {
  readonly logins: string[];
  readonly pings: { readonly instance: string; readonly bearer: string | undefined }[];
  readonly configs: unknown[];
}

/**
 * The operator, as a real server on loopback (the platform's guarded fetch carries every adapter call, so the calls
 * really leave; `adapterAllowPrivateNetworks` lets them reach loopback): logins and pings as they reach it.
 */
async function operatorServer(operator: Operator): Promise<Server> {
  const server = createServer((request, response) => {
    const instance = String(request.headers['x-instance'] ?? '?');
    request.resume();
    if (request.url === '/login') {
      operator.logins.push(instance);
      return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `token-${operator.logins.length}` }));
    }
    operator.pings.push({ instance, bearer: request.headers.authorization });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** An adapter that, on every status mapping, logs (a secret among its metadata) and pings the operator with a bearer. */
function servicesAdapter(operator: Operator) {
  const readToken = (body: unknown): AccessToken => ({ token: String((body as { token: string }).token) });
  return defineAdapter({
    manifest,
    needs: ['logger', 'http'],
    triggerForStatusMove: ({ from, to, participation }) => triggerForStatusMove(from, to, participation.state),
    statusForParticipation: async (move, context) => {
      operator.configs.push(context.config);
      context.logger.info('mapping a move', { to: move.to.state, leaked: `Bearer ${context.config.apiToken}` });
      const client = context.http.client({
        baseUrl: context.config.apiBaseUrl,
        headers: { 'x-instance': context.programInstanceId },
        login: async (plain, signal) => (await plain.request({ method: 'POST', path: '/login', signal, idempotent: true, parse: readToken })).body,
      });
      await client.request({ path: '/ping' });
      return statusForParticipationState(move.to.state, move.from.state, move.currentStatus);
    },
  });
}

/** A host logger that keeps its lines. */
function recordingHost() {
  const lines: { message: string; meta: Readonly<Record<string, unknown>> }[] = [];
  const keep = (message: string, meta: Readonly<Record<string, unknown>> = {}) => void lines.push({ message, meta });
  const host: CoreLogger = { error: keep, warn: keep, info: keep };
  return { host, lines };
}

describe('the services an adapter declares', () => {
  let operator: Operator;
  let lines: ReturnType<typeof recordingHost>['lines'];
  let harness: KitHarness;
  let context: CallContext;
  let instances: ProgramInstance[];
  let server: Server;
  let api: string;

  beforeEach(async () => {
    operator = { logins: [], pings: [], configs: [] };
    server = await operatorServer(operator);
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const recording = recordingHost();
    lines = recording.lines;
    harness = new KitHarness(servicesAdapter(operator), { adapterTimeoutMs: 1000, adapterAllowPrivateNetworks: true }, recording.host);
    const workspace = await harness.workspaces.create('Services');
    context = { workspaceId: workspace.id, actor: { type: 'api_key', id: 'key_services' }, source: 'testkit', liveMode: false };
    const program = await harness.programs.create({ name: 'Community Powershare', provider: { providerDisplayName: 'Leap' } });
    const config = { apiBaseUrl: api, apiToken: SECRET };
    instances = [];
    for (const name of ['North', 'South']) {
      instances.push(await harness.instances.create(context, { programId: program.id, name, adapter: { adapterId: manifest.id, config } }));
    }
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A new enrollment in the instance, whose consent request has the adapter map a move (and so log and ping). */
  let enrolled = 0;
  async function moveOne(instance: ProgramInstance): Promise<void> {
    const enrollment = await harness.enrollments.create(context, instance.id, { ...SUZIE_CUSTOMER_INFO, serialNumber: `SN-SERVICES-${++enrolled}` });
    await harness.participations.trigger(context, enrollment.participation!.id, { trigger: 'consent_requested' });
  }

  it('hands each call the config the manifest types, as the instance stored it, its secrets opened', async () => {
    await moveOne(instances[0]!);
    expect(operator.configs.length).to.be.greaterThan(0);
    for (const config of operator.configs) expect(config).to.deep.equal({ apiBaseUrl: api, apiToken: SECRET });
  });

  it('hands a logger that is a child of the host’s, scoped to the adapter and instance, with secrets redacted', async () => {
    await moveOne(instances[0]!);
    const mine = lines.filter((line) => line.message === 'mapping a move');
    expect(mine.length).to.be.greaterThan(0);
    for (const line of mine) {
      expect(line.meta).to.include({ adapterId: 'acme-services', workspaceId: context.workspaceId, programInstanceId: instances[0]!.id, leaked: 'Bearer [REDACTED]' });
    }
    expect(JSON.stringify(lines)).to.not.contain(SECRET);
  });

  it('keeps one token per instance: shared by that instance’s calls, never by another instance with the same config', async () => {
    for (const instance of [instances[0]!, instances[0]!, instances[1]!]) await moveOne(instance);
    expect(operator.logins).to.deep.equal([instances[0]!.id, instances[1]!.id]);
    const bearers = (instance: ProgramInstance) => new Set(operator.pings.filter((ping) => ping.instance === instance.id).map((ping) => ping.bearer));
    expect([...bearers(instances[0]!)]).to.deep.equal(['Bearer token-1']);
    expect([...bearers(instances[1]!)]).to.deep.equal(['Bearer token-2']);
    expect(operator.pings.filter((ping) => ping.instance === instances[0]!.id).length).to.be.greaterThan(1);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { BackgroundRunner } from '@flexroll/core';
import { SUZIE } from '../support/fixtures.js';
import { STORES } from '../support/stores.js';
import { TestServer } from '../support/TestServer.js';
import { buildWorld, type World } from '../support/World.js';
import { LOOPBACK_RECEIVERS } from '../support/WebhookReceiver.js';

const GUIDE = fileURLToPath(new URL('../../../docs/webhooks.md', import.meta.url));
// Beside the compiled tests, so that `@flexroll/sdk` resolves from the repository's node_modules (its product build).
const SCRIPT = fileURLToPath(new URL('./receiver-example.generated.mjs', import.meta.url));

/** The receiver of docs/webhooks.md, exactly as printed there (the code block after the receiver-example marker). */
function receiverFromGuide(): string {
  const match = /<!-- receiver-example -->\s*```js\n([\s\S]*?)```/.exec(readFileSync(GUIDE, 'utf8'));
  if (match === null) throw new Error('docs/webhooks.md has no receiver example');
  return match[1]!;
}

describe('The receiver in docs/webhooks.md, run against a real server', function () {
  this.timeout(60_000);
  let server: TestServer;
  let runner: BackgroundRunner;
  let world: World;
  let receiver: ChildProcess;
  const handled: { id: string; type: string; enrollmentId: string | null; seq: number | null }[] = [];
  const refused: string[] = [];
  let port = 0;

  before(async () => {
    server = await TestServer.start(STORES[0]!, { systemClock: true, coreSettings: LOOPBACK_RECEIVERS });
    world = await buildWorld(server, 'Leap Energy');
    runner = server.backgroundRunner(['sweeps']);
    runner.start();
  });
  after(async () => {
    receiver?.kill();
    await runner?.stop();
    await server?.stop();
  });

  async function startReceiver(secret: string): Promise<void> {
    writeFileSync(SCRIPT, receiverFromGuide());
    receiver = spawn(process.execPath, [SCRIPT], { env: { ...process.env, FLEXROLL_WEBHOOK_SECRET: secret, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    receiver.stdout!.on('data', (chunk: Buffer) => handled.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as (typeof handled)[number])));
    port = await new Promise<number>((resolve, reject) => {
      receiver.once('exit', (code) => reject(new Error(`the example exited with ${code}`)));
      receiver.stderr!.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        refused.push(...[...text.matchAll(/refused: (\S+)/g)].map((found) => found[1]!));
        const listening = /listening on (\d+)/.exec(text);
        if (listening !== null) resolve(Number(listening[1]));
      });
    });
  }

  const until = async (done: () => boolean) => {
    for (let waited = 0; !done(); waited += 20) {
      if (waited > 15_000) throw new Error(`gave up waiting; handled ${JSON.stringify(handled)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('verifies, handles each event once, in seq order, and refuses what Flexroll did not sign', async () => {
    const created = await server.post('/webhook-endpoints', { key: world.key, body: { url: 'http://127.0.0.1:1/placeholder', eventTypes: ['enrollment.created', 'enrollment.updated', 'enrollment.status_changed'] } });
    await startReceiver(created.body.secret);
    await server.patch(`/webhook-endpoints/${created.body.id}`, { key: world.key, body: { url: `http://127.0.0.1:${port}/flexroll` } });

    const enrolled = await server.post(`/programInstances/${world.instanceId}/enrollments`, { key: world.key, body: { ...SUZIE, serialNumber: 'SN-RECEIVER-EXAMPLE' } });
    await server.patch(`/enrollments/${enrolled.body.id}`, { key: world.key, body: { phone: '+1987654321' } });
    await server.patch(`/enrollments/${enrolled.body.id}`, { key: world.key, body: { status: 'ineligible', reason: 'Outside service area' } });
    const events = (await server.get(`/events?enrollmentId=${enrolled.body.id}`, { key: world.key })).body.data as { id: string; type: string; seq: number }[];
    const wanted = events.filter((event) => event.type.startsWith('enrollment.'));
    await until(() => handled.length >= wanted.length);
    expect(handled).to.deep.equal(wanted.map(({ id, type, seq }) => ({ id, type, enrollmentId: enrolled.body.id, seq })));

    const [first] = (await server.get(`/webhook-endpoints/${created.body.id}/messages`, { key: world.key })).body.data;
    await server.post(`/webhook-endpoints/${created.body.id}/messages/${first.id}/replay`, { key: world.key });
    const attempts = async () => (await server.get(`/webhook-endpoints/${created.body.id}/messages/${first.id}/attempts`, { key: world.key })).body.data.length as number;
    for (let waited = 0; (await attempts()) < 2; waited += 20) {
      if (waited > 15_000) throw new Error('the replay was never sent');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const forged = await fetch(`http://127.0.0.1:${port}/flexroll`, {
      method: 'POST', body: JSON.stringify({ ...first.payload, type: 'enrollment.deleted' }),
      headers: { 'webhook-id': first.eventId, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,bm90IGEgc2lnbmF0dXJl' },
    });
    expect(forged.status).to.equal(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(handled, 'the replay and the forgery changed nothing').to.have.length(wanted.length);
    expect(refused).to.deep.equal(['webhook_signature_invalid']);
  });
});

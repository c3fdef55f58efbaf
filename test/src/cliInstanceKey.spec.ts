import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TEST_SECRET_KEY, TestServer } from './support/TestServer.js';
import { STORES } from './support/stores.js';
import { buildWorld } from './support/World.js';

const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/cli/dist/main.js');
const MONGODB = STORES.find((store) => store.name === 'mongodb')!;

/** `flexroll key create --instances`: the admin command acts on the MongoDB store a running server shares. */
describe('`flexroll key create --instances` makes a key limited to program instances (issue 24)', function () {
  this.timeout(60_000);
  let server: TestServer;
  before(async function () {
    if (MONGODB.skipReason !== undefined) return this.skip();
    server = await TestServer.start(MONGODB, { rateLimitPerMinute: 1_000_000 });
  });
  after(async () => server?.stop());

  it('limits the key it prints to the instances named, as the API sees it', async () => {
    const world = await buildWorld(server, 'Leap Energy');
    const second = await server.post('/programInstances', { key: world.key, body: { programId: world.programId, name: 'Partner 2025' } });
    const { MONGODB_URI: _uri, FLEXROLL_ADMIN_TOKEN: _token, ...rest } = process.env;
    const env = { ...rest, MONGODB_URI: server.mongoUri!, FLEXROLL_SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'warn' };
    const { stdout } = await promisify(execFile)(process.execPath, [MAIN, 'key', 'create', world.workspaceId, '--name', 'installer', '--permissions', 'enrollments:read,program_instances:read', '--instances', second.body.id], { env });
    const printed = JSON.parse(stdout) as { programInstanceIds: string[]; secret: string };
    expect(printed.programInstanceIds).to.deep.equal([second.body.id]);
    const instances = await server.get('/programInstances', { key: printed.secret });
    expect([instances.body.data.map((instance: { id: string }) => instance.id), instances.body.totalItems]).to.deep.equal([[second.body.id], 1]);
    expect((await server.get(`/enrollments/${world.enrollmentId}`, { key: printed.secret })).status, 'an enrollment of the other instance').to.equal(404);
    const unknown = await promisify(execFile)(process.execPath, [MAIN, 'key', 'create', world.workspaceId, '--instances', 'cnotanidanywhere000000000'], { env }).catch((error: { stderr: string }) => error);
    expect(unknown.stderr).to.match(/programInstanceIds/);
  });
});

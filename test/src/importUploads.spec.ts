import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import { COMMUNITY_POWERSHARE } from './support/fixtures.js';
import { ADMIN_TOKEN, TestServer } from './support/TestServer.js';
import { describeOnEachStore } from './support/stores.js';

const PERSON = { identificationType: 'customerInfo', firstName: 'Cand', lastName: 'Idate', address: { streetOne: '1 Main St', city: 'New York', state: 'NY', postalCode: '10001', country: 'USA' } };
const ndjson = (count: number, prefix = 'UP') =>
  `${Array.from({ length: count }, (_, n) => JSON.stringify({ ...PERSON, referenceId: `${prefix}-${n + 1}`, email: `${prefix.toLowerCase()}${n + 1}@example.com` })).join('\n')}\n`;

/** Issue 18: an import is held to the rules of every request — one key is one file, UTF-8 only, compressed as JSON may be. */
describeOnEachStore('Import uploads', (store) => {
  let server: TestServer;
  let key: string;
  let instanceId: string;
  /** Sends bytes as they are (a Buffer: gzip, or not UTF-8), which the JSON helpers of TestServer cannot. */
  const upload = async (body: Buffer | string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.base}/programInstances/${instanceId}/imports`, {
      method: 'POST', body, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', ...headers },
    });
    const parsed = (await response.json()) as any;
    server.contract.check('POST', `/programInstances/${instanceId}/imports`, response.status, parsed);
    return { status: response.status, body: parsed };
  };
  const jobCount = async () => (await server.get(`/programInstances/${instanceId}/jobs`, { key })).body.totalItems as number;

  before(async function () {
    this.timeout(60_000);
    server = await TestServer.start(store, { rateLimitPerMinute: 100_000, coreSettings: { uploadMaxBytes: 200_000 } });
    ({ key } = await server.workspace('Leap Energy'));
    const program = await server.post('/programs', { key: ADMIN_TOKEN, body: COMMUNITY_POWERSHARE });
    instanceId = (await server.post('/programInstances', { key, body: { programId: program.body.id, name: 'Community Powershare 2025' } })).body.id;
  });
  after(async () => server?.stop());
  afterEach(() => expect(server.contract.violations, 'responses match the OpenAPI contract').to.deep.equal([]));

  it('refuses a reused Idempotency-Key with a different file as 409 idempotency_key_reused, and gives the same file its job again', async () => {
    const headers = { 'Idempotency-Key': 'import-one-file' };
    const first = await upload(ndjson(3, 'KEY'), headers);
    expect([first.status, first.body.status, first.body.rows.received]).to.deep.equal([202, 'queued', 3]);
    const same = await upload(ndjson(3, 'KEY'), headers);
    expect([same.status, same.body.id]).to.deep.equal([202, first.body.id]);
    for (const [what, other] of [['another file', ndjson(3, 'OTHER')], ['the file and one more row', ndjson(4, 'KEY')], ['the first rows only', ndjson(2, 'KEY')]] as const) {
      const refused = await upload(other, headers);
      expect([refused.status, refused.body.error?.code], what).to.deep.equal([409, 'idempotency_key_reused']);
      expect(refused.body.error.message).to.include("'import-one-file'");
    }
    const csv = await upload('referenceId,identificationType\nX,customerInfo\n', { ...headers, 'content-type': 'text/csv' });
    expect([csv.status, csv.body.error?.code], 'the same key as another format').to.deep.equal([409, 'idempotency_key_reused']);
    const job = await server.get(`/jobs/${first.body.id}`, { key });
    expect(job.body.rows.received, 'the first job is as it was').to.equal(3);
  });

  it('refuses a file that is not UTF-8 with 400 naming the rule, the byte and the line, and leaves no job when it is in the first chunk', async () => {
    const before = await jobCount();
    const text = Buffer.from(ndjson(4, 'UTF'));
    const thirdLine = text.indexOf('\n', text.indexOf('\n') + 1) + 1;
    const broken = Buffer.concat([text.subarray(0, thirdLine + 40), Buffer.from([0xc3, 0x28]), text.subarray(thirdLine + 40)]);
    const refused = await upload(broken);
    expect([refused.status, refused.body.error.type, refused.body.error.code]).to.deep.equal([400, 'invalid_request', 'malformed_body']);
    expect(refused.body.error.details).to.deep.equal([{ field: '/', rule: 'utf8', message: `is not valid UTF-8 at byte offset ${thirdLine + 40} (line 3)` }]);
    expect(await jobCount(), 'no job').to.equal(before);
    const truncated = await upload(Buffer.concat([text, Buffer.from([0xe2, 0x82])]));
    expect([truncated.status, truncated.body.error.details[0].rule], 'a character cut off at the end').to.deep.equal([400, 'utf8']);
    const surrogate = await upload(Buffer.concat([text, Buffer.from([0xed, 0xa0, 0x80, 0x0a])]));
    expect([surrogate.status, surrogate.body.error.details[0].rule], 'an encoded UTF-16 surrogate').to.deep.equal([400, 'utf8']);
  });

  it('reads a gzip-encoded upload as the JSON routes read a gzip-encoded body', async () => {
    const accepted = await upload(gzipSync(ndjson(5, 'GZ')), { 'content-encoding': 'gzip' });
    expect([accepted.status, accepted.body.status, accepted.body.rows.received], JSON.stringify(accepted.body)).to.deep.equal([202, 'queued', 5]);
    const keyed = { 'Idempotency-Key': 'gzip-then-plain' };
    const zipped = await upload(gzipSync(ndjson(2, 'ZP')), { 'content-encoding': 'gzip', ...keyed });
    const plain = await upload(ndjson(2, 'ZP'), keyed);
    expect([plain.status, plain.body.id], 'the same file, compressed or not, is the same file').to.deep.equal([202, zipped.body.id]);
  });

  it('caps a compressed upload by its inflated size (413), and refuses one that does not decompress (400) or an unknown encoding (415)', async () => {
    const before = await jobCount();
    const bomb = gzipSync(Buffer.from(ndjson(3_000, 'BOMB')));
    expect(bomb.length, 'small compressed').to.be.below(200_000);
    const tooLarge = await upload(bomb, { 'content-encoding': 'gzip' });
    expect([tooLarge.status, tooLarge.body.error.code]).to.deep.equal([413, 'body_too_large']);
    const corrupt = await upload(Buffer.concat([gzipSync(ndjson(2, 'BAD')).subarray(0, 20), Buffer.from('not gzip at all')]), { 'content-encoding': 'gzip' });
    expect([corrupt.status, corrupt.body.error.code, corrupt.body.error.details[0].field]).to.deep.equal([400, 'malformed_body', '/headers/content-encoding']);
    const unknown = await upload(ndjson(2, 'ZSTD'), { 'content-encoding': 'compress' });
    expect([unknown.status, unknown.body.error.code]).to.deep.equal([415, 'unsupported_encoding']);
    expect(await jobCount(), 'none of them left a job behind').to.be.at.most(before + 1);
  });
});

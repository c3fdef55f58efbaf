import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { flexrollAdmin, ServeProcess } from '../support/ServeProcess.js';
import { freshDbName, STORES } from '../support/stores.js';

const mongo = STORES.find((store) => store.name === 'mongodb')!;
const ADMIN = `fr_admin_${randomBytes(12).toString('hex')}`;
const LIMIT = 600;
/** A window shorter than the default minute, so that the test takes seconds; the bench measures the minute itself. */
const WINDOW_SECONDS = 10;
const CLIENTS = 12;

/**
 * The per-key rate limit counted by every process (issue 23): three real `serve` processes on one FerretDB, one key
 * limited to 600 per window, clients spread over the three as a load balancer would. Within one window the key gets
 * between 570 and 660 answers that are not 429 — not the 1,800 that three per-process counts would allow.
 */
describe('The rate limit is shared by every serve process on the store [mongodb store]', function () {
  this.timeout(180_000);
  if (mongo.skipReason !== undefined) {
    it.skip(`skipped: ${mongo.skipReason}`, () => {});
    return;
  }
  const serves: ServeProcess[] = [];
  after(async () => {
    for (const serve of serves) await serve.kill9();
  });

  it(`lets between 570 and 660 of one key's requests through three processes in a window of ${LIMIT}`, async () => {
    const url = new URL(mongo.uri()!);
    url.pathname = `/${freshDbName('sharedlimit')}`;
    const { MONGODB_URI: _uri, PORT: _port, FLEXROLL_ADMIN_TOKEN: _token, ...rest } = process.env;
    const env: NodeJS.ProcessEnv = {
      ...rest, MONGODB_URI: url.toString(), FLEXROLL_SECRET_KEY: randomBytes(32).toString('base64'), FLEXROLL_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn',
      FLEXROLL_RATE_LIMIT_PER_MINUTE: String(LIMIT), FLEXROLL_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
    };
    const workspace = await flexrollAdmin(env, 'workspace', 'create', 'Shared Limit Utility');
    const key = (await flexrollAdmin(env, 'key', 'create', workspace.id, '--name', 'limited')).secret as string;
    for (let n = 0; n < 3; n++) serves.push(await ServeProcess.start(env));
    const program = (await (await fetch(`${serves[0]!.base}/programs`, {
      method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Limited Powershare', provider: { providerDisplayName: 'Leap' } }),
    })).json()) as { id: string };

    // From the start of the next window to its end, clients take the three processes in turn.
    const windowMs = WINDOW_SECONDS * 1000;
    const start = (Math.floor(Date.now() / windowMs) + 1) * windowMs;
    const end = start + windowMs;
    await new Promise((resolve) => setTimeout(resolve, start - Date.now()));
    let turn = 0;
    const answers = { allowedBeforeEnd: 0, allowedSentBeforeEnd: 0, limited: 0, other: [] as number[] };
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < end) {
        const serve = serves[turn++ % serves.length]!;
        const response = await fetch(`${serve.base}/programs/${program.id}`, { headers: { authorization: `Bearer ${key}` } });
        await response.arrayBuffer();
        if (response.status === 429) answers.limited++;
        else if (response.status === 200) {
          answers.allowedSentBeforeEnd++;
          if (Date.now() < end) answers.allowedBeforeEnd++;
        } else answers.other.push(response.status);
      }
    }));
    expect(answers.other, 'no answer but 200 and 429').to.deep.equal([]);
    expect(answers.limited, 'the limit was reached').to.be.above(0);
    // Counted by the server before it answered: those answered before the end are in the window, and at most those
    // sent before the end are.
    expect(answers.allowedBeforeEnd, JSON.stringify(answers)).to.be.at.least(570);
    expect(answers.allowedSentBeforeEnd, JSON.stringify(answers)).to.be.at.most(660);
  });
});

import { expect } from 'chai';
import { InputError } from '@flexroll/sdk';
import type { Operation } from '../platform/Operation.js';
import type { StoredResponse } from '../platform/idempotency/IdempotencyRepository.js';
import { storedKeyOf } from '../platform/idempotency/IdempotencyService.js';
import { STORE_TOKENS } from '../platform/tokens.js';
import { suzieWithDevice, suzieWithoutDevice } from '../seeds/seedExamples.js';
import type { CoreHarness } from './CoreHarness.js';
import { peersOn } from './devices.js';
import type { StoreUnderTest } from './StoreUnderTest.js';

const LEASE = 30_000;
const DAY = 24 * 3_600_000;
/** A request that dies here: the promise never settles, as if its process had been killed. */
const death = () => new Promise<never>(() => {});

/**
 * Starts a request that dies once it holds its key, and resolves when it does: a repeat sent before then could
 * reserve the key first and simply run, which is not the race under test.
 */
async function dyingHolder(run: (operation: () => Promise<never>) => Promise<unknown>): Promise<void> {
  let holding = false;
  void run(() => {
    holding = true;
    return death();
  });
  while (!holding) await new Promise((resolve) => setTimeout(resolve, 2));
}

/** `Idempotency-Key`: one outcome per key, a stated lease for requests that die, 24 h of memory, secrets sealed. */
export function idempotencySpecs(store: () => StoreUnderTest): void {
  let h: CoreHarness;
  let other: CoreHarness;
  let n = 0;
  const request = (caller = 'key_a', fingerprint = 'fp-suzie') => ({ workspaceId: 'ws_unset', caller, key: `key-${n}`, fingerprint });
  beforeEach(() => {
    [h, other] = peersOn(store(), 2, { contentionBudgetMs: 200 }) as [CoreHarness, CoreHarness];
    n++;
  });

  async function tenant() {
    const { context, instance } = await h.tenant();
    const enroll = (operation: Operation) => h.enrollments.create({ ...context, operation }, instance.id, { ...suzieWithoutDevice(), referenceId: `ref-${n}` });
    const count = async () => (await h.enrollments.list(context, instance.id, { referenceId: `ref-${n}` }, { page: 1, perPage: 10 })).totalItems;
    const answer = async (operation: Operation): Promise<StoredResponse> => ({ status: 201, body: { id: (await enroll(operation)).id } });
    return { context, instance, enroll, count, answer, req: (caller?: string, fingerprint?: string) => ({ ...request(caller, fingerprint), workspaceId: context.workspaceId }) };
  }

  it('replays a finished request’s answer, sealed at rest, and refuses the key for a different request', async () => {
    const t = await tenant();
    const first = await h.idempotency.run(t.req(), t.answer);
    const again = await other.idempotency.run(t.req(), t.answer);
    expect([first.replayed, again.replayed, again.body]).to.deep.equal([false, true, first.body]);
    expect(await t.count()).to.equal(1);
    const stored = await h.port(STORE_TOKENS.idempotency).get(t.context.workspaceId, storedKeyOf('key_a', `key-${n}`));
    expect(stored?.response, 'sealed').to.match(/^enc:v1:/);
    expect(JSON.stringify(stored)).to.not.include((first.body as { id: string }).id).and.not.include(`key-${n}`);
    const reused = await h.idempotency.run(t.req('key_a', 'fp-other'), t.answer).catch((error: unknown) => error);
    expect(reused).to.include({ code: 'idempotency_key_reused' });
  });

  it('keeps each API key’s keys to itself: another key’s replay is never served', async () => {
    const t = await tenant();
    const mine = await h.idempotency.run(t.req('key_a'), t.answer);
    const theirs = await h.idempotency.run(t.req('key_b'), t.answer);
    expect(theirs.replayed).to.equal(false);
    expect(theirs.body).to.not.deep.equal(mine.body);
  });

  it('answers a repeat of a request still running with 409 in_flight and Retry-After, once the contention budget is spent', async () => {
    const t = await tenant();
    await dyingHolder((operation) => h.idempotency.run(t.req(), operation));
    const repeat = await other.idempotency.run(t.req(), t.answer).catch((error: unknown) => error);
    expect(repeat).to.include({ code: 'idempotency_key_in_flight' });
    expect((repeat as { retryAfterSeconds: number }).retryAfterSeconds).to.be.within(1, 5);
  });

  it('makes a key whose request died after creating retryable after the lease, answering with what it created', async () => {
    const t = await tenant();
    let created = '';
    void h.idempotency.run(t.req(), async (operation) => {
      created = (await t.enroll(operation)).id;
      return death();
    });
    while (created === '') await new Promise((resolve) => setTimeout(resolve, 5));
    other.clock.advance(LEASE + 1);
    const retried = await other.idempotency.run(t.req(), t.answer);
    expect([retried.replayed, retried.body]).to.deep.equal([false, { id: created }]);
    expect(await t.count(), 'never a second enrollment').to.equal(1);
    expect((await other.idempotency.run(t.req(), t.answer)).replayed).to.equal(true);
  });

  it('runs a request that died before writing anything afresh after the lease', async () => {
    const t = await tenant();
    await dyingHolder((operation) => h.idempotency.run(t.req(), operation));
    other.clock.advance(LEASE + 1);
    const retried = await other.idempotency.run(t.req(), t.answer);
    expect(retried.replayed).to.equal(false);
    expect(await t.count()).to.equal(1);
  });

  it('does not apply a participation trigger twice when its request died after appending it', async () => {
    const t = await tenant();
    const enrollment = await h.enrollments.create(t.context, t.instance.id, suzieWithDevice(`SN-idem-${n}`));
    const fire = (harness: CoreHarness) => async (operation: Operation): Promise<StoredResponse> => {
      const record = await harness.participations.trigger({ ...t.context, operation }, enrollment.participation!.id, { trigger: 'consent_requested' });
      return { status: 200, body: { state: record.participation.state } };
    };
    let appended = false;
    void h.idempotency.run(t.req(), async (operation) => {
      await fire(h)(operation);
      appended = true;
      return death();
    });
    while (!appended) await new Promise((resolve) => setTimeout(resolve, 5));
    other.clock.advance(LEASE + 1);
    const retried = await other.idempotency.run(t.req(), fire(other));
    expect(retried.body).to.deep.equal({ state: 'AWAITING_CONSENT' });
    const moves = await h.events.list(t.context, { enrollmentId: enrollment.id, types: ['participation.state_changed'] }, { page: 1, perPage: 10 });
    expect(moves.totalItems, 'one consent_requested').to.equal(1);
  });

  it('lets a slow attempt that outlived its lease finish without a second record or overwriting the stored answer', async () => {
    const t = await tenant();
    let go!: () => void;
    const gate = new Promise<void>((resolve) => (go = resolve));
    const slow = h.idempotency.run(t.req(), async (operation) => {
      await gate;
      return t.answer(operation);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    other.clock.advance(LEASE + 1);
    const retried = await other.idempotency.run(t.req(), t.answer);
    go();
    const late = await slow;
    expect(late.body, 'both attempts name the one enrollment').to.deep.equal(retried.body);
    expect(await t.count()).to.equal(1);
    expect((await other.idempotency.run(t.req(), t.answer)).body).to.deep.equal(retried.body);
  });

  it('frees a key whose request was refused, and ends the lease of one whose outcome is unknown', async () => {
    const t = await tenant();
    const refused = await h.idempotency.run(t.req(), async () => {
      throw new InputError('refused');
    }).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(InputError);
    expect((await h.idempotency.run(t.req('key_a', 'fp-corrected'), t.answer)).replayed, 'a corrected request may use it').to.equal(false);
    n++;
    const broken = await h.idempotency.run(t.req(), async () => {
      throw new Error('connection reset');
    }).catch((error: unknown) => error);
    expect(broken).to.be.instanceOf(Error);
    let recovering: boolean | undefined;
    await other.idempotency.run(t.req(), async (operation) => {
      recovering = operation.recovering;
      return t.answer(operation);
    });
    expect(recovering, 'taken over at once, looking for what the failed attempt wrote').to.equal(true);
  });

  it('forgets a key after 24 hours: it may then be used for a new request, and its record is removed', async () => {
    const t = await tenant();
    await h.idempotency.run(t.req(), t.answer);
    other.clock.advance(DAY + 1);
    expect((await other.idempotency.run(t.req('key_a', 'fp-new'), t.answer)).replayed).to.equal(false);
    n++;
    await h.idempotency.run(t.req(), t.answer);
    other.clock.advance(DAY + 1);
    expect(await other.idempotency.removeExpired()).to.be.at.least(1);
    expect(await h.port(STORE_TOKENS.idempotency).get(t.context.workspaceId, storedKeyOf('key_a', `key-${n}`))).to.equal(undefined);
  });
}

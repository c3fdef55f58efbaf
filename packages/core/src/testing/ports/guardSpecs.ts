import { expect } from 'chai';
import type { Claim } from '../../platform/claims/ClaimRepository.js';
import type { IdempotencyRecord } from '../../platform/idempotency/IdempotencyRepository.js';
import { T0 } from './fixtures.js';
import type { SpecPorts } from './SpecPorts.js';

const LATER = '2025-01-02T00:00:00.000Z';

function claimOf(workspaceId: string, ownerId: string, id = `clm_${ownerId}`): Claim {
  return { id, workspaceId, key: 'device:inst_1:SN-1', ownerId, claimedAt: T0, leaseUntil: LATER };
}

function attemptOf(workspaceId: string, id: string, overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return { id, workspaceId, key: 'k-hash-1', fingerprint: 'fp-1', operation: 'op_1', createdAt: T0, lockedUntil: LATER, expiresAt: LATER, ...overrides };
}

/** Claims and idempotency keys: the unique inserts, per workspace, and removal only of the very record read. */
export function guardSpecs(ports: () => SpecPorts): void {
  it('gives a claim to one of 50 concurrent claimants, per workspace', async () => {
    const claimants = Array.from({ length: 50 }, (_, n) => claimOf('ws_claims_a', `enr_${n}`));
    const results = await Promise.all(claimants.map((claim) => ports().claims.claim(claim)));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    const holder = await ports().claims.get('ws_claims_a', 'device:inst_1:SN-1');
    expect(claimants).to.deep.include(holder);
    expect(await ports().claims.claim(claimOf('ws_claims_b', 'enr_b'))).to.equal('inserted');
    expect(await ports().claims.get('ws_claims_c', 'device:inst_1:SN-1')).to.equal(undefined);
  });

  it('removes a claim by its own id only: a claim taken since under the same key stays', async () => {
    const first = claimOf('ws_claims_d', 'enr_first');
    expect(await ports().claims.claim(first)).to.equal('inserted');
    await ports().claims.remove('ws_claims_d', first.key, 'clm_someone_else');
    expect(await ports().claims.get('ws_claims_d', first.key)).to.deep.equal(first);
    await ports().claims.remove('ws_claims_d', first.key, first.id);
    const second = claimOf('ws_claims_d', 'enr_second');
    expect(await ports().claims.claim(second)).to.equal('inserted');
    // A late remover that read the first claim must not remove the second.
    await ports().claims.remove('ws_claims_d', first.key, first.id);
    expect(await ports().claims.get('ws_claims_d', first.key)).to.deep.equal(second);
    await ports().claims.remove('ws_other', first.key, second.id);
    expect(await ports().claims.get('ws_claims_d', first.key), 'another workspace cannot remove it').to.deep.equal(second);
  });

  it('reserves an idempotency key once per workspace, and answers or frees only the attempt named', async () => {
    const first = attemptOf('ws_idem_a', 'idem_first');
    const results = await Promise.all(Array.from({ length: 20 }, (_, n) => ports().idempotency.reserve({ ...first, id: `idem_${n}` })));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    const holder = (await ports().idempotency.get('ws_idem_a', first.key))!;
    expect(await ports().idempotency.reserve(attemptOf('ws_idem_b', 'idem_b'))).to.equal('inserted');
    expect(await ports().idempotency.get('ws_idem_c', first.key)).to.equal(undefined);

    await ports().idempotency.update('ws_idem_a', first.key, 'idem_not_it', { response: 'enc:v1:x' });
    await ports().idempotency.remove('ws_idem_a', first.key, 'idem_not_it');
    expect(await ports().idempotency.get('ws_idem_a', first.key), 'another attempt’s id changes nothing').to.deep.equal(holder);

    await ports().idempotency.update('ws_idem_a', first.key, holder.id, { lockedUntil: T0 });
    await ports().idempotency.update('ws_idem_a', first.key, holder.id, { response: 'enc:v1:sealed' });
    expect(await ports().idempotency.get('ws_idem_a', first.key)).to.deep.equal({ ...holder, lockedUntil: T0, response: 'enc:v1:sealed' });

    await ports().idempotency.remove('ws_idem_a', first.key, holder.id);
    const next = attemptOf('ws_idem_a', 'idem_next', { operation: 'op_1' });
    expect(await ports().idempotency.reserve(next)).to.equal('inserted');
    await ports().idempotency.update('ws_idem_a', first.key, holder.id, { response: 'enc:v1:late' });
    await ports().idempotency.remove('ws_idem_a', first.key, holder.id);
    expect(await ports().idempotency.get('ws_idem_a', first.key), 'a late attempt cannot touch its successor').to.deep.equal(next);
  });

  it('removes the idempotency records whose retention has passed, and only those', async () => {
    const old = attemptOf('ws_idem_expiry', 'idem_old', { key: 'k-old', expiresAt: '2024-12-31T00:00:00.000Z' });
    const fresh = attemptOf('ws_idem_expiry', 'idem_fresh', { key: 'k-fresh', expiresAt: '2099-01-01T00:00:00.000Z' });
    for (const record of [old, fresh]) expect(await ports().idempotency.reserve(record)).to.equal('inserted');
    expect(await ports().idempotency.removeExpired(T0)).to.be.at.least(1);
    expect(await ports().idempotency.get('ws_idem_expiry', 'k-old')).to.equal(undefined);
    expect(await ports().idempotency.get('ws_idem_expiry', 'k-fresh')).to.deep.equal(fresh);
  });
}

import { expect } from 'chai';
import { AWKWARD_METADATA, T0 } from './fixtures.js';
import type { SpecPorts } from './SpecPorts.js';

/** Claims and idempotency keys: the unique inserts, per workspace, and who may undo them. */
export function guardSpecs(ports: () => SpecPorts): void {
  it('gives a claim to one of 50 concurrent claimants, per workspace, and lets only its owner release it', async () => {
    const claimants = Array.from({ length: 50 }, (_, n) => ({ workspaceId: 'ws_claims_a', key: 'device:dev_1', ownerId: `enr_${n}`, claimedAt: T0 }));
    const results = await Promise.all(claimants.map((claim) => ports().claims.claim(claim)));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    const holder = await ports().claims.get('ws_claims_a', 'device:dev_1');
    expect(claimants).to.deep.include(holder);
    expect(await ports().claims.claim({ workspaceId: 'ws_claims_b', key: 'device:dev_1', ownerId: 'enr_b', claimedAt: T0 })).to.equal('inserted');
    expect(await ports().claims.get('ws_claims_c', 'device:dev_1')).to.equal(undefined);
    await ports().claims.release('ws_claims_a', 'device:dev_1', 'enr_not_the_owner');
    expect(await ports().claims.get('ws_claims_a', 'device:dev_1')).to.deep.equal(holder);
    await ports().claims.release('ws_claims_a', 'device:dev_1', holder?.ownerId ?? '');
    expect(await ports().claims.get('ws_claims_a', 'device:dev_1')).to.equal(undefined);
    expect(await ports().claims.get('ws_claims_b', 'device:dev_1')).to.not.equal(undefined);
  });

  it('reserves an idempotency key once per workspace, completes it, and forgets only an unanswered reservation', async () => {
    const record = { workspaceId: 'ws_idem_a', key: 'key-1', fingerprint: 'fp-1', createdAt: T0 };
    const results = await Promise.all(Array.from({ length: 20 }, () => ports().idempotency.reserve(record)));
    expect(results.filter((result) => result === 'inserted')).to.have.length(1);
    expect(await ports().idempotency.reserve({ ...record, workspaceId: 'ws_idem_b' })).to.equal('inserted');
    expect(await ports().idempotency.get('ws_idem_a', 'key-1')).to.deep.equal(record);
    expect(await ports().idempotency.get('ws_idem_c', 'key-1')).to.equal(undefined);

    await ports().idempotency.forget('ws_idem_b', 'key-1', 'fp-other');
    expect(await ports().idempotency.get('ws_idem_b', 'key-1')).to.not.equal(undefined);
    await ports().idempotency.forget('ws_idem_b', 'key-1', 'fp-1');
    expect(await ports().idempotency.get('ws_idem_b', 'key-1')).to.equal(undefined);

    const response = { status: 201, body: { id: 'enr_1', metadata: AWKWARD_METADATA, list: [1, 'two', null] } };
    await ports().idempotency.complete('ws_idem_a', 'key-1', response);
    expect(await ports().idempotency.get('ws_idem_a', 'key-1')).to.deep.equal({ ...record, response });
    await ports().idempotency.forget('ws_idem_a', 'key-1', 'fp-1');
    expect(await ports().idempotency.get('ws_idem_a', 'key-1')).to.deep.equal({ ...record, response });
  });
}

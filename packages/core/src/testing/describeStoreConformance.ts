import { behaviourSpecs } from './behaviourSpecs.js';
import { deadlineSpecs } from './deadlineSpecs.js';
import { dueSweepSpecs } from './dueSweepSpecs.js';
import { deadlineAlertSpecs } from './deadlineAlertSpecs.js';
import { concurrencySpecs } from './concurrencySpecs.js';
import { crashSpecs, crashWarningSpecs } from './crashSpecs.js';
import { contentionSpecs } from './contentionSpecs.js';
import { preconditionSpecs } from './preconditionSpecs.js';
import { instanceScopeSpecs } from './instanceScopeSpecs.js';
import { deviceClaimProperty } from './deviceClaimProperty.js';
import { deviceClaimSpecs } from './deviceClaimSpecs.js';
import { idempotencySpecs } from './idempotencySpecs.js';
import { isolationSpecs } from './isolationSpecs.js';
import { readCountSpecs } from './readCountSpecs.js';
import { operatorBehaviourSpecs } from './operatorBehaviourSpecs.js';
import { inboundOperatorEventSpecs } from './inboundOperatorEventSpecs.js';
import { outboxRetryAfterSpecs } from './outboxRetryAfterSpecs.js';
import type { StoreUnderTest } from './StoreUnderTest.js';
import { enrollmentSpecs } from './ports/enrollmentSpecs.js';
import { listSpecs } from './ports/listSpecs.js';
import { eventSpecs } from './ports/eventSpecs.js';
import { guardSpecs } from './ports/guardSpecs.js';
import { operatorSpecs } from './ports/operatorSpecs.js';
import { recordSpecs } from './ports/recordSpecs.js';
import { screeningPortSpecs } from './ports/screeningPortSpecs.js';
import { screeningSpecs } from './screeningSpecs.js';
import { jobSpecs } from './jobSpecs.js';
import { bulkRerunSpecs } from './bulkRerunSpecs.js';
import { leaseSpecs } from './leaseSpecs.js';
import { webhookSpecs } from './ports/webhookSpecs.js';
import { deadlineRecordSpecs } from './ports/deadlineRecordSpecs.js';
import { rateCountSpecs } from './ports/rateCountSpecs.js';
import { workspaceEventSpecs } from './ports/workspaceEventSpecs.js';
import { webhookDispatchSpecs } from './webhookDispatchSpecs.js';
import { feedSpecs } from './feedSpecs.js';
import { customerMailCatchUpSpecs } from './customerMailCatchUpSpecs.js';
import { customerDataSpecs } from './customerDataSpecs.js';
import { memberSessionSpecs } from './memberSessionSpecs.js';
import { memberPortSpecs } from './ports/memberPortSpecs.js';
import { resolveSpecPorts, type SpecPorts } from './ports/SpecPorts.js';

/**
 * The one conformance suite every store passes: each repository port on its own (round trips, unique inserts,
 * filters, pages, tenancy), then the core's behaviour on it, ordering and pagination, tenant isolation,
 * concurrency, and recovery from a crash between writes. Call it from a store's spec with a way to
 * open the store (once for the suite) — or `undefined` and a reason, to skip it visibly.
 */
export function describeStoreConformance(name: string, open: () => Promise<StoreUnderTest>): void {
  // The store's specs pass the reference adapter through StoreUnderTest.adapters.
  describe(`${name} store conformance`, function () {
    this.timeout(60_000);
    let store: StoreUnderTest | undefined;
    const current = (): StoreUnderTest => {
      if (store === undefined) throw new Error('the store did not open');
      return store;
    };
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store?.close();
    });
    const ports = (): SpecPorts => resolveSpecPorts(current().module());
    describe('ports: events', () => eventSpecs(ports));
    describe('ports: workspace-level events', () => workspaceEventSpecs(ports));
    describe('ports: enrollments', () => enrollmentSpecs(ports));
    describe('ports: an instance’s enrollment list, counted', () => listSpecs(ports));
    describe('ports: claims and idempotency keys', () => guardSpecs(ports));
    describe('ports: workspaces, programs, people and keys', () => recordSpecs(ports));
    describe('ports: members and their sessions', () => memberPortSpecs(ports));
    describe('ports: operator references, the adapter outbox, instances by id', () => operatorSpecs(ports));
    describe('ports: bulk writes, device lookup, rule versions and jobs', () => screeningPortSpecs(ports));
    describe('ports: webhook endpoints, messages, attempts, cursors and the event feed', () => webhookSpecs(ports));
    describe('ports: the overdue queue’s deadline records', () => deadlineRecordSpecs(ports));
    describe('ports: counts shared by every process', () => rateCountSpecs(ports));
    describe('behaviour', () => behaviourSpecs(current));
    describe('what a request costs the store', () => readCountSpecs(current));
    describe('ordering, pagination and tenant isolation', () => isolationSpecs(current));
    describe('operators: the adapter outbox, polling, references and webhooks', () => operatorBehaviourSpecs(current));
    describe('operators: redeliveries, events before their link, owned suspension reasons', () => inboundOperatorEventSpecs(current));
    describe('operators: the adapter outbox follows the operator’s Retry-After', () => outboxRetryAfterSpecs(current));
    describe('concurrency', () => concurrencySpecs(current));
    describe('sweeps and polls that read only what is due', () => dueSweepSpecs(current));
    describe('deadline alerts: under a fake clock, once each', () => deadlineAlertSpecs(current));
    describe('deadlines: terms fixed as a step begins, opened and closed by the fold', () => deadlineSpecs(current));
    describe('one active enrollment per device', () => {
      deviceClaimSpecs(name, current);
      deviceClaimProperty(name, current);
    });
    describe('idempotency keys', () => idempotencySpecs(current));
    describe('contention on one enrollment', () => contentionSpecs(name, current));
    describe('If-Match: two writers of one version, one wins', () => preconditionSpecs(name, current));
    describe('access scoped to program instances', () => instanceScopeSpecs(current));
    describe('a crash between writes', () => crashSpecs(current));
    describe('a crash warning only for a crash', () => crashWarningSpecs(current));
    describe('eligibility screening', () => screeningSpecs(current));
    describe('leases: renewed while work runs, taken over when their holder is dead', () => leaseSpecs(current));
    describe('jobs: imports and bulk actions', () => jobSpecs(current));
    describe('jobs: a bulk row the job itself moved, redone, counts as moved once', () => bulkRerunSpecs(current));
    describe('webhook delivery', () => webhookDispatchSpecs(current));
    describe('the event feed: each new event read once', () => feedSpecs(current));
    describe('customer mail: what a crash before the enqueue left unowed is caught up, once', () => customerMailCatchUpSpecs(current));
    describe('customer data under a granted scope, and the creation hook', () => customerDataSpecs(current));
    describe('members: invitations, sign-in, session expiry and revocation', () => memberSessionSpecs(current));
  });
}

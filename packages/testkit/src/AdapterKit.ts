import 'reflect-metadata';
import { STORE_TOKENS, SUZIE_CUSTOMER_INFO, type CreateEnrollmentInput, type AdapterOutboxItem, type AdapterOutboxStatus, type CallContext, type Enrollment, type ProgramInstance } from '@flexroll/core';
import { FlexrollError, type CustomerAddress, type CustomerDataField, type EnrollmentStatus, type OperatorAdapter, type ParticipationState } from '@flexroll/sdk';
import { KitExpectationError } from './KitExpectationError.js';
import { KitHarness } from './KitHarness.js';
import type { OperatorFake } from './operator/OperatorFake.js';

export interface KitOptions {
  /** The program instance config the scenarios bind the adapter with (valid against its config schema). */
  readonly config?: Readonly<Record<string, unknown>>;
  /** How long each adapter call may take; a hook slower than this fails the kit. */
  readonly timeoutMs?: number;
  /** The enrolled customer (seed 004 names), over seed 004's Suzie Homeowner; `null` leaves a field out. */
  readonly customer?: KitCustomer;
  /** The enrolled device, over Suzie's (`serialNumber` 1234567890, `['tesla', 'enphase']`). */
  readonly device?: KitDevice;
  /**
   * The customer's fields the scenario's program instance grants the adapter (a subset of its manifest's
   * `customerData.fields`), as `POST /programInstances` takes them in `customerDataGrant`. Absent: none, as on the
   * platform — the adapter's views then carry no `customer`.
   */
  readonly grantedFields?: readonly CustomerDataField[];
  /**
   * The operator the adapter's outbound calls reach while a standard scenario runs (no real host is reachable then):
   * made fresh for each scenario and removed after it. Answer what the adapter's hooks call, for every scenario.
   * @example operator: () => new OperatorFake('https://api.acme.test').issuesTokens(CLIENT).answer('POST', '/sites', { status: 201, body: { id: 'site_1' } })
   */
  readonly operator?: () => OperatorFake;
}

/** Who enrolls in a kit scenario; each field over Suzie's, `null` to leave it out. */
export interface KitCustomer {
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly address?: CustomerAddress | null;
  readonly referenceId?: string | null;
}

/** The device enrolled in a kit scenario, over Suzie's. */
export interface KitDevice {
  readonly serialNumber?: string;
  readonly manufacturerSlugs?: readonly string[];
}

/** The status each participation state must stand with, whatever the adapter (the two machines' shared meaning). */
const EXPECTED_STATUS: Partial<Record<ParticipationState, readonly EnrollmentStatus[]>> = {
  ENROLMENT_REQUESTED: ['candidate'],
  AWAITING_CONSENT: ['candidate'],
  AWAITING_TELEMETRY: ['candidate'],
  AWAITING_METER_ACCESS: ['candidate'],
  CONFIRMING_DISPATCH: ['candidate'],
  AWAITING_ELIGIBILITY: ['candidate'],
  AWAITING_REGISTRATION: ['submitted'],
  REGISTERED: ['approved'],
  ACTIVE: ['approved'],
  SUSPENDED: ['approved'],
  UNENROLMENT_REQUESTED: ['approved'],
  WINDING_DOWN: ['approved'],
  UNENROLLED: ['unenrolled'],
  OFFBOARDED: ['unenrolled'],
  INELIGIBLE: ['ineligible', 'rejected'],
  FAILED: ['ineligible', 'rejected', 'unenrolled'],
};

/** One scenario's world: the platform on a fresh embedded store with the adapter bound to one program instance. */
export class AdapterKit {
  readonly harness: KitHarness;
  context!: CallContext;
  instance!: ProgramInstance;

  constructor(readonly adapter: OperatorAdapter, readonly scenario: string, readonly options: KitOptions = {}) {
    this.harness = new KitHarness(adapter, { adapterTimeoutMs: options.timeoutMs ?? 1000 });
  }

  async start(settings: { meterAccessRequired?: boolean } = {}): Promise<Enrollment> {
    const workspace = await this.harness.workspaces.create('Adapter test kit');
    this.context = { workspaceId: workspace.id, actor: { type: 'api_key', id: 'key_testkit' }, source: 'testkit', liveMode: false };
    const program = await this.harness.programs.create({ name: 'Community Powershare', provider: { providerDisplayName: 'Leap' } });
    this.instance = await this.harness.instances.create(this.context, {
      programId: program.id,
      name: 'Test kit instance',
      adapter: { adapterId: this.adapter.manifest.id, config: this.options.config ?? {} },
      ...(this.options.grantedFields === undefined ? {} : { customerDataGrant: { fields: this.options.grantedFields } }),
      ...settings,
    });
    return this.step(`enrolling ${this.enrolledName()}`, () => this.harness.enrollments.create(this.context, this.instance.id, this.enrolled()));
  }

  /** The create request the scenario enrolls with: Suzie, with the author's customer and device over hers. */
  enrolled(): CreateEnrollmentInput {
    const chosen = { ...SUZIE_CUSTOMER_INFO, ...this.options.customer, ...this.options.device } as Record<string, unknown>;
    return Object.fromEntries(Object.entries(chosen).filter(([, value]) => value !== null)) as unknown as CreateEnrollmentInput;
  }

  private enrolledName(): string {
    const { firstName, lastName } = this.enrolled() as { firstName?: string; lastName?: string };
    return [firstName, lastName].filter((part) => part !== undefined).join(' ') || 'the customer';
  }

  /** Runs one step; a refusal or adapter error becomes a kit failure naming the step. */
  async step<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      const detail = FlexrollError.is(error) ? `${error.code}: ${error.message}` : String(error);
      throw new KitExpectationError(this.scenario, `${what} failed — ${detail}`, { cause: error });
    }
  }

  /** The participation and enrollment now, checked to stand together and, if given, in the expected state. */
  async expectState(enrollmentId: string, state?: ParticipationState): Promise<Enrollment> {
    const enrollment = await this.harness.enrollments.get(this.context, enrollmentId);
    const actual = enrollment.participation!.state;
    if (state !== undefined && actual !== state) this.fail(`expected the participation in ${state}, found ${actual}`);
    const allowed = EXPECTED_STATUS[actual] ?? [];
    if (!allowed.includes(enrollment.eligibility.status)) {
      this.fail(`wrong mapping: with the participation in ${actual} the enrollment must be ${allowed.join(' or ')}, but the adapter mapped it to '${enrollment.eligibility.status}'`);
    }
    return enrollment;
  }

  /**
   * Fails if the adapter failed anywhere so far (a throw, a hang, a malformed answer), quoting what was recorded —
   * after delivering every side effect due (the outbox's `onParticipationChanged` calls), whose failures count too.
   */
  async expectNoAdapterFailures(enrollmentId: string): Promise<void> {
    await this.harness.outbox.drain();
    const outbox = this.harness.port(STORE_TOKENS.adapterOutbox);
    const owed = await Promise.all((['pending', 'dead'] as const).map((status) => outbox.listByInstance(this.context.workspaceId, this.instance.id, status, { page: 1, perPage: 100 })));
    const failed = owed.flatMap((page) => page.data).filter((item) => item.lastError !== undefined);
    if (failed.length > 0) this.fail(`the adapter failed: ${failed.map((item) => item.lastError).join('; ')}`);
    const events = await this.harness.port(STORE_TOKENS.events).listForEnrollment(this.context.workspaceId, enrollmentId, 0);
    const failures = events.filter((event) => event.type === 'adapter.failed');
    if (failures.length > 0) {
      this.fail(`the adapter failed: ${failures.map((event) => (event.data as { message: string }).message).join('; ')}`);
    }
  }

  /** The scenario instance's adapter outbox items with a status (`dead`: the dead letters), oldest first. */
  async outbox(status: AdapterOutboxStatus): Promise<readonly AdapterOutboxItem[]> {
    return (await this.harness.port(STORE_TOKENS.adapterOutbox).listByInstance(this.context.workspaceId, this.instance.id, status, { page: 1, perPage: 100 })).data;
  }

  fail(message: string): never {
    throw new KitExpectationError(this.scenario, message);
  }
}

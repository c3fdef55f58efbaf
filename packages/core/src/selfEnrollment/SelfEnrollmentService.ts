import { createHash } from 'node:crypto';
import { inject, injectable } from 'inversify';
import { ConflictError, type FieldIssue, FlexrollError } from '@flexroll/sdk';
import {
  type Address, ChangeRunner, type CreateEnrollmentInput, type Enrollment, type EnrollmentChange, ENROLLMENT_INPUT_SCHEMA, EnrollmentService, type EventDraft,
  fireParticipationTrigger, type InstanceRules, moveEnrollmentStatus, PeopleService,
} from '../enrollments/index.js';
import { applyPolicy, decideConsent, ParticipationService, type ParticipationRecord } from '../participation/index.js';
import { type CallContext, type Clock, compileSchema, CORE_TOKENS, IdempotencyService, type Operation, STORE_TOKENS } from '../platform/index.js';
import type { ProgramInstanceRepository } from '../programs/index.js';
import { evaluateRules, RuleBook, type RuleFailure } from '../screening/index.js';
import { askedOf, type EnrollmentPage, type EnrollmentPageSettings } from './EnrollmentPage.js';
import type { PublishedPage } from './EnrollmentPageService.js';
import { StatusLinks, type StatusLinkTarget } from './StatusLinks.js';
import { CustomerMailOutbox } from '../customerMail/index.js';

/** What a customer types into the page: seed 004's customerInfo, and what the page asks of their device. */
export interface SelfEnrollmentInput {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone?: string;
  readonly address?: Address;
  readonly manufacturerSlugs?: readonly string[];
  readonly serialNumber?: string;
  readonly deviceType?: string;
}

/** The consent record kept with the enrollment (`metadata.selfEnrollment.consents`): what was agreed, as shown, when and from where. */
export interface ConsentEvidence {
  readonly termsVersion: string;
  /** SHA-256 of the terms' text as shown, hex. */
  readonly termsSha256: string;
  /** The checkbox's words as the customer saw them, in their locale. */
  readonly wording: string;
  readonly locale: string;
  readonly grantedAt: string;
  /** The client's address as the server saw it (through the trust-proxy setting). */
  readonly address: string;
  readonly userAgent: string;
}

/** What the status page shows: the enrollment, its page, and its participation when it has a device. */
export interface StatusOf {
  readonly enrollment: Enrollment;
  readonly page: EnrollmentPage;
  readonly participation?: ParticipationRecord;
}

/** What a submission answers: the enrollment, and its status link's token (the same for every attempt of one form). */
export interface Submission {
  readonly enrollmentId: string;
  readonly statusToken: string;
  /** Whether the platform also e-mails the link (`FLEXROLL_SMTP_URL` set). */
  readonly emailed: boolean;
}

/** The rules the pre-check tells the customer about: the ones their own answers decide. */
const PRECHECKED_RULES: ReadonlySet<RuleFailure['rule']> = new Set(['serviceTerritory', 'allowedManufacturers', 'deviceTypes']);
const checkInput = compileSchema(ENROLLMENT_INPUT_SCHEMA);

/** Digests worked out so far, by text: every submission records one, and a deployment's pages have few terms. */
const digests = new Map<string, string>();

/** The SHA-256 of a page's terms, hex: what a consent record says was agreed to. */
export function termsDigest(text: string): string {
  let digest = digests.get(text);
  if (digest === undefined) {
    digest = createHash('sha256').update(text, 'utf8').digest('hex');
    if (digests.size >= 100) digests.clear();
    digests.set(text, digest);
  }
  return digest;
}

/**
 * The customer's own enrollment (seed 004's "Customer Self-Enrollment": the form, then `submitted`) and their status
 * page's actions, through the same services and rules as the API: the enrollment is created by
 * {@link EnrollmentService.create}, checked against the API's own schema, once per form (every write named after the
 * form's token, see {@link SelfEnrollmentService.submit}), and recorded with the page as its actor.
 */
@injectable()
export class SelfEnrollmentService {
  constructor(
    @inject(EnrollmentService) private readonly enrollments: EnrollmentService,
    @inject(ChangeRunner) private readonly changes: ChangeRunner,
    @inject(ParticipationService) private readonly participations: ParticipationService,
    @inject(PeopleService) private readonly people: PeopleService,
    @inject(IdempotencyService) private readonly idempotency: IdempotencyService,
    @inject(RuleBook) private readonly rules: RuleBook,
    @inject(StatusLinks) private readonly links: StatusLinks,
    @inject(CustomerMailOutbox) private readonly mail: CustomerMailOutbox,
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** The API's create request for what the customer typed: the same schema checks it, field for field. */
  static toCreateInput(page: EnrollmentPageSettings, input: SelfEnrollmentInput, metadata: Record<string, unknown>): CreateEnrollmentInput {
    return {
      identificationType: 'customerInfo',
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      ...(input.phone === undefined ? {} : { phone: input.phone }),
      ...(input.address === undefined ? {} : { address: input.address }),
      ...(input.manufacturerSlugs === undefined ? {} : { manufacturerSlugs: [...input.manufacturerSlugs] }),
      ...(input.serialNumber === undefined ? {} : { serialNumber: input.serialNumber }),
      tags: [`enrollment-page:${page.slug}`],
      metadata: { ...(input.deviceType === undefined ? {} : { deviceType: input.deviceType }), ...metadata },
    };
  }

  /**
   * Every problem with the customer's answers, as field issues named like the API's (`/email`, `/address/postalCode`):
   * the API's schema for the create request, and the page's own required fields.
   */
  static check(page: EnrollmentPageSettings, input: SelfEnrollmentInput): FieldIssue[] {
    const issues = checkInput(SelfEnrollmentService.toCreateInput(page, input, {}));
    for (const field of ['phone', 'address', 'manufacturerSlugs', 'serialNumber', 'deviceType'] as const) {
      const value = input[field];
      const missing = value === undefined || (Array.isArray(value) && value.length === 0);
      if (missing && askedOf(page, field) === 'required') issues.push({ field: `/${field}`, rule: 'required', message: 'is required' });
    }
    if (input.deviceType !== undefined && !/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(input.deviceType)) {
      issues.push({ field: '/deviceType', rule: 'pattern', message: 'must be a device type such as BATTERIES' });
    }
    return issues;
  }

  /** The instance's rules the customer's answers fail, among those the pre-check speaks of; none when it has no rules. */
  async precheck(published: PublishedPage, input: SelfEnrollmentInput): Promise<RuleFailure[]> {
    const inForce = await this.rules.current(published.instance);
    if (inForce === undefined) return [];
    const data = SelfEnrollmentService.toCreateInput(published.page, input, {});
    return evaluateRules(inForce.rules, data as never).filter((failure) => PRECHECKED_RULES.has(failure.rule));
  }

  /** The instance's rules' lists a page offers as choices: its manufacturers and device types, where its rules name them. */
  async choices(published: PublishedPage): Promise<{ manufacturers?: readonly string[]; deviceTypes?: readonly string[] }> {
    const rules = (await this.rules.current(published.instance))?.rules;
    return {
      ...(rules?.allowedManufacturers === undefined ? {} : { manufacturers: rules.allowedManufacturers }),
      ...(rules?.deviceTypes === undefined ? {} : { deviceTypes: rules.deviceTypes }),
    };
  }

  /** A customer the pre-check turned away leaves their details as a lead (where the page allows it); once per form. */
  async leaveLead(published: PublishedPage, formToken: string, input: SelfEnrollmentInput): Promise<void> {
    const context = pageContext(published);
    await this.idempotency.run(
      { workspaceId: context.workspaceId, caller: `enrollment-page-lead:${published.instance.id}`, key: formToken, fingerprint: fingerprintOf(input) },
      async (operation) => {
        const { firstName, lastName, email, phone, address } = input;
        const lead = await this.people.createLead({ ...context, operation }, { firstName, lastName, email, ...(phone === undefined ? {} : { phone }), ...(address === undefined ? {} : { address }) });
        return { status: 201, body: { leadId: lead.id } };
      },
    );
  }

  /**
   * Creates the customer's enrollment once per form: a double click, the back button or a retry (also one after a
   * crash mid-submit) answers the first submission's enrollment and link. No idempotency record is kept; the form's
   * token is the submission's {@link Operation}, and every write is named after it, so every attempt writes the same
   * things and the store's unique inserts let each in once (ADR 0013's fences):
   *
   * - the enrollment's id is derived from it, so a second attempt's creation finds the first's (`enrollment_exists`)
   *   and answers with it; without a device the whole submission is that creation's one batch (see
   *   {@link submitWithoutDevice}): the log holds all of it or none;
   * - with a device, its participation then starts in one change decided on the enrollment as it stands (see
   *   {@link startParticipation}), so an attempt that finds it started adds nothing;
   * - the status link's token is derived from it ({@link StatusLinks.issueFor}), so every attempt shows the same link;
   * - the link's mail (with SMTP) is one outbox item per enrollment.
   *
   * Answers given by an earlier attempt are the first's, whatever this attempt's answers were.
   */
  async submit(published: PublishedPage, formToken: string, input: SelfEnrollmentInput, consent: ConsentEvidence): Promise<Submission> {
    const operation: Operation = { id: submissionOperationId(published.instance.id, formToken), recovering: false };
    const context = { ...pageContext(published), operation };
    const metadata = { selfEnrollment: { page: published.page.slug, locale: consent.locale, consents: [consent] } };
    const announced = announcement(published, consent.locale, this.mail.enabled);
    const created = await this.enrollments.createIn(context, published.instance, SelfEnrollmentService.toCreateInput(published.page, input, metadata), (change, rules) => submitWithoutDevice(change, rules, announced));
    if (created.participation !== undefined) await this.startParticipation(context, created.id, consent, announced);
    const statusToken = await this.links.issueFor({ workspaceId: context.workspaceId, enrollmentId: created.id }, operation);
    await this.mail.enqueueStatusLink(context.workspaceId, published.instance.id, created.id, consent.locale);
    return { enrollmentId: created.id, statusToken, emailed: this.mail.enabled };
  }

  /**
   * Starts what the form began for a device, in one change: the participation asks for consent and records the consent
   * given on the form (ENROLMENT_REQUESTED → AWAITING_CONSENT → AWAITING_TELEMETRY), the status following the
   * participation (ADR 0004), then `enrollment.submitted`. Decided on the enrollment as it stands, and only while its
   * participation is where every creation leaves it (ENROLMENT_REQUESTED), so of two attempts one starts it and the
   * other finds it started. Its batch id is its own (not the submission's), so that it never shares one with the
   * creation's batch.
   */
  private async startParticipation(context: CallContext, enrollmentId: string, consent: ConsentEvidence, announced: Announcement): Promise<void> {
    const { actor, source } = context;
    await this.changes.run(context.workspaceId, enrollmentId, { actor, source }, async (change, rules) => {
      if (change.current.deletedAt !== undefined || change.current.participation?.state !== 'ENROLMENT_REQUESTED') return;
      await fireParticipationTrigger(change, rules, 'consent_requested');
      const asked = change.current.participation;
      if (asked?.state === 'AWAITING_CONSENT') {
        await applyPolicy(change, rules, decideConsent, { kind: 'granted', consent: { grantedAt: consent.grantedAt, termsVersion: consent.termsVersion } });
      }
      change.add(announced(change.current));
    });
  }

  /**
   * A new status link for an enrollment of the workspace whose instance has an enrollment page, for a workspace that
   * writes to its customers itself (`POST /enrollments/{id}/status-links`): shown once, stored hashed like the page's.
   */
  async mintLink(context: CallContext, enrollmentId: string): Promise<string> {
    const enrollment = await this.enrollments.get(context, enrollmentId);
    if ((await this.instances.get(context.workspaceId, enrollment.programInstanceId))?.enrollmentPage === undefined) {
      throw new ConflictError('no_enrollment_page', 'The enrollment’s program instance has no enrollment page, so there is no status page to link to; set one up with PUT /programInstances/{id}/enrollment-page.');
    }
    return this.links.issue({ workspaceId: context.workspaceId, enrollmentId: enrollment.id });
  }

  /** The enrollment behind a status link, or undefined when the link leads nowhere (never issued, or the enrollment is gone). */
  async find(target: StatusLinkTarget): Promise<StatusOf | undefined> {
    const context = targetContext(target);
    const enrollment = await this.enrollments.get(context, target.enrollmentId).catch((error: unknown) => {
      if (FlexrollError.is(error) && error.kind === 'not_found') return undefined;
      throw error;
    });
    if (enrollment === undefined) return undefined;
    const page = (await this.instances.get(target.workspaceId, enrollment.programInstanceId))?.enrollmentPage;
    if (page === undefined) return undefined;
    if (enrollment.participation === undefined) return { enrollment, page };
    return { enrollment, page, participation: await this.participations.find(context, enrollment.participation.id) };
  }

  /**
   * The customer consents to the page's current terms: the consent record is added to the enrollment, and the
   * participation records it (moving on from AWAITING_CONSENT, or clearing the AWAITING_CONSENT suspension).
   */
  async consentAgain(target: StatusLinkTarget, consent: ConsentEvidence): Promise<void> {
    const context = targetContext(target);
    const enrollment = await this.enrollments.get(context, target.enrollmentId);
    const selfEnrollment = (enrollment.metadata?.selfEnrollment ?? {}) as { consents?: ConsentEvidence[] };
    const consents = [...(selfEnrollment.consents ?? []), consent].slice(-10);
    await this.enrollments.update(context, enrollment.id, { changes: { metadata: { ...enrollment.metadata, selfEnrollment: { ...selfEnrollment, consents } } } });
    if (enrollment.participation !== undefined) await this.participations.grantConsent(context, enrollment.participation.id, { grantedAt: consent.grantedAt, termsVersion: consent.termsVersion });
  }

  /**
   * The customer leaves the programme (seed 004's "Program Exit Processing"): the exit reason in the metadata, then
   * the status moved to `unenrolled` exactly as `PATCH /enrollments/{id}` would (with a device, `leave_requested`).
   */
  async leave(target: StatusLinkTarget, reason: string): Promise<Enrollment> {
    const context = targetContext(target);
    const enrollment = await this.enrollments.get(context, target.enrollmentId);
    if (enrollment.eligibility.status !== 'approved') {
      throw new ConflictError('not_leavable', 'Only an approved enrollment can be left (seed 004: “Only Approved enrollments can be Unenrolled”).');
    }
    const metadata = { ...enrollment.metadata, exitReason: reason, exitRequestedAt: this.clock.now().toISOString() };
    return this.enrollments.update(context, enrollment.id, { changes: { metadata }, status: 'unenrolled', reason });
  }
}

/** The `enrollment.submitted` of a submission, for the enrollment as it stands when it is added. */
type Announcement = (enrollment: Enrollment) => EventDraft;

function announcement(published: PublishedPage, locale: string, statusLinkEmailed: boolean): Announcement {
  return (enrollment) => ({
    type: 'enrollment.submitted',
    data: {
      programInstanceId: published.instance.id, slug: published.page.slug, locale,
      email: enrollment.email ?? '', firstName: enrollment.firstName ?? '', lastName: enrollment.lastName ?? '', statusLinkEmailed,
    },
  });
}

/**
 * A submission without a device, decided in the creation's opening batch (after its screening): the status moves
 * `candidate → eligible → submitted` (seed 004), each step only from where the screening left it and exactly as
 * `PATCH /enrollments/{id}` moves it, then `enrollment.submitted`. One batch is one guarded append: the log holds
 * all of it or none, and a retry finds it whole.
 */
async function submitWithoutDevice(change: EnrollmentChange, rules: InstanceRules, announced: Announcement): Promise<void> {
  if (change.current.participation !== undefined) return;
  if (change.current.eligibility.status === 'candidate') await moveEnrollmentStatus(change, rules, 'eligible', 'Enrollment form completed by the customer');
  if (change.current.eligibility.status === 'eligible') await moveEnrollmentStatus(change, rules, 'submitted', 'Enrollment form submitted by the customer');
  change.add(announced(change.current));
}

/** Who acts through the page: the customer, recorded as the page (no API key), in live mode. */
function pageContext(published: PublishedPage): CallContext {
  return { workspaceId: published.instance.workspaceId, actor: { type: 'system', id: `enrollment_page:${published.instance.id}` }, source: 'enrollment_page', liveMode: true };
}

function targetContext(target: StatusLinkTarget): CallContext {
  return { workspaceId: target.workspaceId, actor: { type: 'system', id: 'status_page' }, source: 'status_page', liveMode: true };
}

/** The operation of a form's submission: its token, scoped to the instance (a hash, so that no id reveals the token). */
function submissionOperationId(programInstanceId: string, formToken: string): string {
  return createHash('sha256').update(`enrollment-page-submission\n${programInstanceId}\n${formToken}`).digest('hex');
}

function fingerprintOf(input: SelfEnrollmentInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex');
}

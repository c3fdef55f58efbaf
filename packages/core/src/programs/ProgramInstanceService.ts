import { inject, injectable, LazyServiceIdentifier } from 'inversify';
import { ConflictError, InputError, NotFoundError } from '@flexroll/sdk';
import { checkIfMatch, type Clock, type CoreSettings, cuidFor, type CallContext, inInstanceScope, requireWorkspaceScope, type Page, type PageRequest, CORE_TOKENS, STORE_TOKENS, insertOnce, type ResolveAll, type SecretBox } from '../platform/index.js';
import {
  DEFAULT_NOTICE_PERIOD_DAYS,
  DEFAULT_TELEMETRY_STALENESS_HOURS,
  type AdapterBinding,
  type ExpectedDurations,
  type ProgramInstance,
} from './ProgramInstance.js';
import { checkExpectedDurations } from './expectedDurations.js';
import { InstanceVersions, versionOf } from './InstanceVersions.js';
import { checkDeadlineSettings } from './deadlineSettings.js';
import type { DeadlineSettings } from '../enrollments/index.js';
import { grantCustomerData, type CustomerDataGrantInput } from './customerDataGrant.js';
import type { ProgramInstanceRepository } from './ports/ProgramInstanceRepository.js';
import type { ProgramRepository } from './ports/ProgramRepository.js';
import { type AdapterRegistry, checkAdapterUrls, validateAdapterConfig, keepMaskedSecrets, maskConfig, openConfig, sealConfig } from '../operators/index.js';
import { type EligibilityRules, type VersionedEligibilityRules, RuleBook } from '../screening/index.js';

export interface ProgramInstanceInput {
  readonly programId: string;
  readonly name: string;
  readonly adapter?: AdapterBinding;
  readonly meterAccessRequired?: boolean;
  readonly noticePeriodDays?: number;
  readonly telemetryStalenessHours?: number;
  /** Saved as the instance's first version of its rules (or, on update, the next one); see RuleBook. */
  readonly eligibilityRules?: EligibilityRules;
  readonly expectedDurations?: ExpectedDurations;
  /** Replaced as a whole by an update, like the expected durations. */
  readonly deadlines?: DeadlineSettings;
  /** The customer data granted to the adapter: given only here, at creation (see `grantCustomerData`). */
  readonly customerDataGrant?: CustomerDataGrantInput;
}

export type ProgramInstanceChanges = Partial<Omit<ProgramInstanceInput, 'programId' | 'customerDataGrant'>>;

/** The adapter bound when none is named: the reference mapping, for operators acting through Flexroll's API. */
export const DEFAULT_ADAPTER: AdapterBinding = { adapterId: 'manual', config: {} };

/**
 * Program instances: a program run in one workspace, with its adapter binding and its enrolment settings. Every
 * instance this service hands out has its adapter config's secret values masked (they are stored sealed and opened
 * only for the adapter's calls); a masked value sent back means "keep the stored one".
 */
@injectable()
export class ProgramInstanceService {
  constructor(
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.programs) private readonly programs: ProgramRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
    @inject(CORE_TOKENS.adapters) private readonly adapters: AdapterRegistry,
    @inject(CORE_TOKENS.secretBox) private readonly secrets: SecretBox,
    @inject(new LazyServiceIdentifier(() => RuleBook)) private readonly rules: RuleBook,
    @inject(CORE_TOKENS.settings) private readonly settings: CoreSettings,
    @inject(CORE_TOKENS.resolveHost) private readonly resolveHost: ResolveAll,
    @inject(InstanceVersions) private readonly versions: InstanceVersions,
  ) {}

  async create(context: CallContext, input: ProgramInstanceInput): Promise<ProgramInstance> {
    // A partner limited to some instances runs those; it cannot widen its own reach by making another (ADR 0025).
    requireWorkspaceScope(context, 'create a program instance');
    if ((await this.programs.get(input.programId)) === undefined) {
      throw new InputError('programId does not name a program', [{ field: '/programId', rule: 'exists', message: 'no program with this id' }]);
    }
    checkExpectedDurations(input.expectedDurations);
    checkDeadlineSettings(input.deadlines);
    const adapter = await this.checkedBinding(input.adapter ?? DEFAULT_ADAPTER);
    const now = this.clock.now().toISOString();
    const grant = grantCustomerData(input.customerDataGrant, this.adapters.get(adapter.adapterId).manifest, now);
    const { eligibilityRules } = input;
    const unruled: ProgramInstance = {
      id: cuidFor(context.operation, 'program_instance'),
      workspaceId: context.workspaceId,
      programId: input.programId,
      name: input.name,
      adapter,
      meterAccessRequired: input.meterAccessRequired ?? false,
      noticePeriodDays: input.noticePeriodDays ?? DEFAULT_NOTICE_PERIOD_DAYS,
      telemetryStalenessHours: input.telemetryStalenessHours ?? DEFAULT_TELEMETRY_STALENESS_HOURS,
      ...(input.expectedDurations === undefined ? {} : { expectedDurations: input.expectedDurations }),
      ...(input.deadlines === undefined ? {} : { deadlines: input.deadlines }),
      ...(grant === undefined ? {} : { customerDataGrant: grant }),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const instance = eligibilityRules === undefined ? unruled : await this.rules.save(unruled, eligibilityRules, context.actor);
    const stored = await insertOnce(context.operation, instance, (record) => this.instances.insert(record), () => this.instances.get(context.workspaceId, instance.id));
    return this.masked(stored);
  }

  /**
   * Validates a binding's config against its adapter's schema, checks its URLs with the SSRF guard, and seals its
   * secrets. A secret sent back as the mask keeps the stored value, so a client may return a config it read.
   */
  private async checkedBinding(binding: AdapterBinding, stored?: AdapterBinding): Promise<AdapterBinding> {
    const adapter = this.adapters.get(binding.adapterId);
    const schema = adapter.manifest.configSchema;
    const previous = stored?.adapterId === binding.adapterId ? stored.config : {};
    const config = keepMaskedSecrets(schema, binding.config, previous);
    const opened = openConfig(this.secrets, schema, config);
    validateAdapterConfig(adapter, opened);
    await checkAdapterUrls(adapter, opened, { allowPrivateNetworks: this.settings.adapterAllowPrivateNetworks, resolve: this.resolveHost });
    return { adapterId: binding.adapterId, config: sealConfig(this.secrets, schema, config) };
  }

  async get(context: CallContext, id: string): Promise<ProgramInstance> {
    return this.masked(await this.stored(context, id));
  }

  async list(context: CallContext, page: PageRequest): Promise<Page<ProgramInstance>> {
    const scope = context.programInstanceIds;
    if (scope !== undefined) return this.listScope(context.workspaceId, scope, page);
    const found = await this.instances.list(context.workspaceId, page);
    return { ...found, data: found.data.map((instance) => this.masked(instance)) };
  }

  /**
   * An instance-scoped caller's list: its instances read by id (a key names a handful), in the workspace list's
   * order, so that the page and its totals are of the scope alone and cost what the scope holds, not the workspace.
   */
  private async listScope(workspaceId: string, scope: readonly string[], page: PageRequest): Promise<Page<ProgramInstance>> {
    const found = (await Promise.all(scope.map((id) => this.instances.get(workspaceId, id)))).filter((instance) => instance !== undefined);
    found.sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1));
    const start = (page.page - 1) * page.perPage;
    return {
      data: found.slice(start, start + page.perPage).map((instance) => this.masked(instance)),
      page: page.page, perPage: page.perPage, totalItems: found.length, totalPages: Math.ceil(found.length / page.perPage),
    };
  }

  /**
   * Writes the changes as the instance's next version, taken first through a unique insert ({@link InstanceVersions}).
   * With `If-Match`, the version it names must be the current one, checked on the copy the write replaces: a writer
   * that loses the version to another gets 412 and changes nothing. Without it, the loser applies its changes on the
   * newer copy, as before versions were kept.
   */
  async update(context: CallContext, id: string, changes: ProgramInstanceChanges): Promise<ProgramInstance> {
    for (let attempt = 1; attempt <= MAX_VERSION_ATTEMPTS; attempt++) {
      // A missing (or out-of-scope) instance is a 404 before anything about the body is checked, so both answer alike.
      const current = await this.stored(context, id);
      const version = versionOf(current);
      checkIfMatch(context.ifMatch, version, `Program instance '${id}'`);
      checkExpectedDurations(changes.expectedDurations);
      checkDeadlineSettings(changes.deadlines);
      const { eligibilityRules, ...settings } = changes;
      const defined = Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
      if (changes.adapter !== undefined) defined.adapter = await this.checkedBinding(changes.adapter, current.adapter);
      const changed: ProgramInstance = withoutForeignGrant({ ...current, ...defined, updatedAt: this.clock.now().toISOString(), version: version + 1 }, current);
      const claim = await this.versions.take(current, version + 1);
      if (claim === undefined) {
        await waitForWinner(attempt);
        const reread = await this.stored(context, id);
        if (await this.versions.clearAbandoned(reread, version + 1)) continue;
        // Another writer holds version + 1 (written, or about to be): the version this one named is no longer current.
        checkIfMatch(context.ifMatch, Math.max(versionOf(reread), version + 1), `Program instance '${id}'`);
        continue;
      }
      try {
        // New rules are a new version; enrollments are screened again under them on demand (a bulk `evaluate` job).
        const next = eligibilityRules === undefined ? changed : await this.rules.save(changed, eligibilityRules, context.actor);
        await this.instances.replace(next);
        await this.versions.written(next, version + 1);
        return this.masked(next);
      } catch (error) {
        await this.versions.release(claim);
        throw error;
      }
    }
    throw new ConflictError('program_instance_contended', `Program instance '${id}' has too many writers at once; nothing was changed. Retry the request in a second.`, undefined, { retryAfterSeconds: 1 });
  }

  /** One saved version of an instance's eligibility rules (older evaluations name the version they used). */
  async ruleVersion(context: CallContext, id: string, version: number): Promise<VersionedEligibilityRules> {
    const found = await this.rules.version(await this.stored(context, id), version);
    if (found === undefined) throw new NotFoundError('eligibility_rules', `${id}/${version}`);
    return found;
  }

  private async stored(context: CallContext, id: string): Promise<ProgramInstance> {
    const instance = await this.instances.get(context.workspaceId, id);
    if (instance === undefined || !inInstanceScope(context, instance.id)) throw new NotFoundError('program_instance', id);
    return instance;
  }

  private masked(instance: ProgramInstance): ProgramInstance {
    const schema = this.adapters.get(instance.adapter.adapterId).manifest.configSchema;
    return { ...instance, adapter: { ...instance.adapter, config: maskConfig(schema, instance.adapter.config) } };
  }
}

/** How many times a writer without `If-Match` takes the next version before it answers 409. */
const MAX_VERSION_ATTEMPTS = 8;

/** A short pause for the writer that took the version to write it, growing with each loss. */
function waitForWinner(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 5 * attempt)));
}

/** A grant was given to one adapter: binding the instance to another withdraws it (a new grant needs a new instance). */
function withoutForeignGrant(changed: ProgramInstance, current: ProgramInstance): ProgramInstance {
  if (changed.adapter.adapterId === current.adapter.adapterId || changed.customerDataGrant === undefined) return changed;
  const { customerDataGrant: _withdrawn, ...rest } = changed;
  return rest;
}

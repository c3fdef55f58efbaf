import { inject, injectable } from 'inversify';
import { ConflictError, InputError, NotFoundError } from '@flexroll/sdk';
import { type CallContext, type Claim, inInstanceScope, type ClaimRepository, type Clock, CORE_TOKENS, newClaim, STORE_TOKENS } from '../platform/index.js';
import type { ProgramInstance, ProgramInstanceRepository } from '../programs/index.js';
import type { EnrollmentPage, EnrollmentPageSettings } from './EnrollmentPage.js';
import { PLATFORM_CLAIMS } from './platformClaims.js';

/** A claim on a slug never lapses by time: it is let go only when its page takes another slug. */
const FOREVER_MS = 100 * 365 * 24 * 3_600_000;
/** How many slugs' holders are remembered (emptied when full): a few hundred bytes each. */
const REMEMBERED_SLUGS = 10_000;

/** An instance with its page, found by the page's slug. */
export interface PublishedPage {
  readonly instance: ProgramInstance;
  readonly page: EnrollmentPage;
}

/**
 * Program instances' enrollment pages: saved on the instance, their slugs held unique across the platform by a claim
 * (`enrollment-page:<slug>`, owned by `<workspaceId>/<instanceId>`), so `/enroll/{slug}` finds exactly one instance
 * with one indexed read, whichever workspace holds it.
 */
@injectable()
export class EnrollmentPageService {
  /** Which instance holds each slug asked for lately, by slug (`<workspaceId>/<instanceId>`): see {@link bySlug}. */
  readonly #holders = new Map<string, string>();

  constructor(
    @inject(STORE_TOKENS.programInstances) private readonly instances: ProgramInstanceRepository,
    @inject(STORE_TOKENS.claims) private readonly claims: ClaimRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** The instance's page; an instance without one, or of another workspace, is a 404. */
  async get(context: CallContext, instanceId: string): Promise<EnrollmentPage> {
    const page = (await this.instance(context, instanceId)).enrollmentPage;
    if (page === undefined) throw new NotFoundError('enrollment_page', instanceId);
    return page;
  }

  /** Saves the page as a whole; a slug another instance holds is a 409 `enrollment_page_slug_taken`. */
  async save(context: CallContext, instanceId: string, settings: EnrollmentPageSettings): Promise<EnrollmentPage> {
    checkSettings(settings);
    const instance = await this.instance(context, instanceId);
    const owner = ownerOf(instance);
    const previous = instance.enrollmentPage?.slug;
    if (previous !== settings.slug) await this.claimSlug(settings.slug, owner);
    const page: EnrollmentPage = { ...settings, updatedAt: this.clock.now().toISOString() };
    await this.instances.replace({ ...instance, enrollmentPage: page, updatedAt: page.updatedAt });
    if (previous !== undefined && previous !== settings.slug) await this.releaseSlug(previous, owner);
    return page;
  }

  /**
   * The page published at `slug` and its instance, or undefined (no such slug, or a claim whose page moved on). The
   * instance is read on every call (its page may have been switched off or changed a moment ago); which instance holds
   * the slug is remembered from its claim, and trusted only while that instance's page still shows the slug: no other
   * instance can take a slug while a page shows it (see `claimSlug`), so a page that shows it is the one.
   */
  async bySlug(slug: string): Promise<PublishedPage | undefined> {
    const remembered = this.#holders.get(slug);
    if (remembered !== undefined) {
      const published = await this.publishedBy(remembered, slug);
      if (published !== undefined) return published;
      this.#holders.delete(slug);
    }
    const claim = await this.claims.get(PLATFORM_CLAIMS, slugKey(slug));
    if (claim === undefined) return undefined;
    const published = await this.publishedBy(claim.ownerId, slug);
    if (published !== undefined) this.remember(slug, claim.ownerId);
    return published;
  }

  /** The instance `owner` (`<workspaceId>/<instanceId>`) with its page, when that page is published at `slug`. */
  private async publishedBy(owner: string, slug: string): Promise<PublishedPage | undefined> {
    const [workspaceId, instanceId] = owner.split('/');
    const instance = instanceId === undefined ? undefined : await this.instances.findAnywhere(instanceId);
    if (instance === undefined || instance.workspaceId !== workspaceId || instance.enrollmentPage?.slug !== slug) return undefined;
    return { instance, page: instance.enrollmentPage };
  }

  private remember(slug: string, owner: string): void {
    if (this.#holders.size >= REMEMBERED_SLUGS) this.#holders.clear();
    this.#holders.set(slug, owner);
  }

  private async claimSlug(slug: string, owner: string): Promise<void> {
    const claim: Claim = newClaim(PLATFORM_CLAIMS, slugKey(slug), owner, this.clock.now(), FOREVER_MS);
    if ((await this.claims.claim(claim)) === 'inserted') return;
    const held = await this.claims.get(PLATFORM_CLAIMS, slugKey(slug));
    if (held?.ownerId === owner) return;
    // A claim whose instance no longer publishes this slug (a save that died between its claim and its write) is free.
    if (held !== undefined && (await this.isStale(held, slug))) {
      await this.claims.remove(PLATFORM_CLAIMS, slugKey(slug), held.id);
      if ((await this.claims.claim(claim)) === 'inserted') return;
    }
    throw new ConflictError('enrollment_page_slug_taken', `The slug '${slug}' is already used by another enrollment page; choose another.`);
  }

  private async isStale(held: Claim, slug: string): Promise<boolean> {
    if (Date.parse(held.claimedAt) > this.clock.now().getTime() - 60_000) return false; // a save may still be on its way
    const instanceId = held.ownerId.split('/')[1];
    const instance = instanceId === undefined ? undefined : await this.instances.findAnywhere(instanceId);
    return instance?.enrollmentPage?.slug !== slug;
  }

  private async releaseSlug(slug: string, owner: string): Promise<void> {
    const held = await this.claims.get(PLATFORM_CLAIMS, slugKey(slug));
    if (held?.ownerId === owner) await this.claims.remove(PLATFORM_CLAIMS, slugKey(slug), held.id);
  }

  private async instance(context: CallContext, instanceId: string): Promise<ProgramInstance> {
    const instance = await this.instances.get(context.workspaceId, instanceId);
    // Another instance than a scoped caller's is, to it, an unknown one (ADR 0025).
    if (instance === undefined || !inInstanceScope(context, instance.id)) throw new NotFoundError('program_instance', instanceId);
    return instance;
  }
}

const slugKey = (slug: string) => `enrollment-page:${slug}`;
const ownerOf = (instance: ProgramInstance) => `${instance.workspaceId}/${instance.id}`;

/** What the schema cannot say: the default locale is one of the offered ones. */
function checkSettings(settings: EnrollmentPageSettings): void {
  if (!settings.locales.includes(settings.defaultLocale)) {
    throw new InputError(`defaultLocale must be one of ${settings.locales.join(', ')}, the locales offered`, [{ field: '/defaultLocale', rule: 'oneOfLocales', message: `must be one of ${settings.locales.join(', ')}` }]);
  }
}

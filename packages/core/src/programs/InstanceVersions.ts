import { inject, injectable } from 'inversify';
import { type Claim, type ClaimRepository, type Clock, CORE_TOKENS, newClaim, STORE_TOKENS } from '../platform/index.js';
import type { ProgramInstance } from './ProgramInstance.js';

/**
 * How long a taken version may stay unwritten before it is taken for a crash's leftover: a writer replaces the
 * instance right after taking its version (milliseconds), so a claim this old over an unchanged instance was left by
 * a writer that stopped.
 */
const VERSION_LEASE_MS = 30_000;

/** An instance stored before versions were kept is at version 1. */
export function versionOf(instance: ProgramInstance): number {
  return instance.version ?? 1;
}

/**
 * The guard on a program instance's versions (issue 24). FerretDB v1 does not re-check an update's filter, so a
 * `replaceOne({ _id, version })` is no compare-and-set there; what every store makes atomic is a unique insert. A
 * writer therefore takes the version it will write — a claim on `program-instance/<id>/v<n>` — before it replaces the
 * instance, and only the one whose insert lands writes version n: a writer that read n-1 and lost knows its copy is
 * no longer current. Claims of older versions are removed once the next is written, so one is kept per instance.
 */
@injectable()
export class InstanceVersions {
  constructor(
    @inject(STORE_TOKENS.claims) private readonly claims: ClaimRepository,
    @inject(CORE_TOKENS.clock) private readonly clock: Clock,
  ) {}

  /** Takes `version` of the instance; undefined when another writer took it first (and is writing it, or wrote it). */
  async take(instance: ProgramInstance, version: number): Promise<Claim | undefined> {
    const claim = newClaim(instance.workspaceId, keyOf(instance.id, version), instance.id, this.clock.now(), VERSION_LEASE_MS);
    return (await this.claims.claim(claim)) === 'inserted' ? claim : undefined;
  }

  /**
   * For a writer that lost `version` and read the instance again still at the version before (`current`): a claim
   * past its lease over an unchanged instance was left by a writer that stopped. It is let go, so that the instance is
   * not frozen; the writers then take the version afresh through the same unique insert. True when the version is free
   * to take again (let go here, or by its writer), false while a live writer holds it or has written it.
   */
  async clearAbandoned(current: ProgramInstance, version: number): Promise<boolean> {
    if (versionOf(current) !== version - 1) return false;
    const held = await this.claims.get(current.workspaceId, keyOf(current.id, version));
    if (held === undefined) return true;
    if (Date.parse(held.leaseUntil) >= this.clock.now().getTime()) return false;
    await this.claims.remove(current.workspaceId, held.key, held.id);
    return true;
  }

  /** Lets a taken version go when its write did not happen (a refused change), so another writer may take it. */
  async release(claim: Claim): Promise<void> {
    await this.claims.remove(claim.workspaceId, claim.key, claim.id);
  }

  /** After version n is written, the claim on n-1 guards nothing (n's claim stands in front of it): removed. */
  async written(instance: ProgramInstance, version: number): Promise<void> {
    if (version <= 1) return;
    const previous = await this.claims.get(instance.workspaceId, keyOf(instance.id, version - 1));
    if (previous !== undefined) await this.claims.remove(instance.workspaceId, previous.key, previous.id);
  }
}

function keyOf(instanceId: string, version: number): string {
  return `program-instance/${instanceId}/v${version}`;
}

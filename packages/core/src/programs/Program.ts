/** The operator behind a program (seed 001's `provider`). */
export interface Provider {
  readonly id: string;
  readonly providerDisplayName: string;
  readonly logoUrl?: string;
}

/** A general offering, platform-wide (seed 004's Program; seed 001's `programme`). Created by a platform administrator. */
export interface Program {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly learnMoreUrl?: string;
  readonly provider: Provider;
  readonly createdAt: string;
  readonly updatedAt: string;
}
